import { PreflightError } from '../../../shared/contract/errors';
import type { Readiness, ReadinessSummary } from '../../../shared/types/readiness';
import { int, parse } from '../args';
import type { Command } from '../command';

const usage = `preflight ready                                      every model version, one line each (READY or what is missing)
preflight ready NAME[@VERSION]                      the production-ready checklist (exit 0 when every item is proven or attested, 1 otherwise)
preflight ready NAME[@VERSION] --attest retraining --by WHO [--link URL] [--note TEXT]
preflight ready NAME --target-ep cpu|cuda|webgpu|tensorrt|dml|coreml [--max-age-days N]   the provider latency must be proven on, how old evidence may be`;

const MARK: Record<string, string> = { proven: 'PROVEN', stale: 'STALE', missing: 'MISSING', attested: 'ATTESTED' };

export const readyCommand: Command = {
  name: 'ready',
  summary: 'the production-ready checklist of a model version (a CI gate: exit 1 while an item is missing)',
  usage,
  async run(argv, { client, out }) {
    const { values, positionals } = parse(
      argv,
      {
        attest: { type: 'string' },
        by: { type: 'string' },
        link: { type: 'string' },
        note: { type: 'string' },
        'target-ep': { type: 'string' },
        'max-age-days': { type: 'string' },
      },
      'ready',
    );
    const ownFlags = ['attest', 'by', 'link', 'note', 'target-ep', 'max-age-days'] as const;
    if (positionals.length === 0 && ownFlags.every((f) => values[f] === undefined)) {
      const rows = await client.call('ready/list', {});
      out.result(rows, () => listText(rows));
      return;
    }
    if (positionals.length !== 1)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        'ready: give one model, NAME or NAME@VERSION; see `preflight ready --help`',
      );
    const ref = positionals[0];
    if (values['target-ep'] || values['max-age-days']) {
      await client.call('ready/settings', {
        model: ref.replace(/@\d+$/, ''),
        targetEp: values['target-ep'] as 'cpu' | undefined,
        maxAgeDays: int(values['max-age-days'], 'max-age-days', 1),
      });
    }
    let r: Readiness;
    if (values.attest !== undefined) {
      if (values.attest !== 'retraining')
        throw new PreflightError(
          'BAD_ARGUMENTS',
          '--attest: only "retraining" is attested by a person; every other item is proven by evidence',
        );
      if (!values.by) throw new PreflightError('BAD_ARGUMENTS', '--attest needs --by WHO');
      r = await client.call('ready/attest', {
        ref,
        item: 'retraining',
        by: values.by,
        link: values.link,
        note: values.note,
      });
    } else r = await client.call('ready/show', { ref });
    out.result(r, () => text(r));
    if (!r.ready) return 1;
  },
};

function text(r: Readiness): string {
  const lines = [
    `${r.model.name}@${r.model.version} (sha256 ${r.model.sha256.slice(0, 16)}…), target ${r.targetEp}: ${r.ready ? 'READY' : `NOT READY — ${r.counts.missing} missing, ${r.counts.stale} stale`} (${r.counts.proven} proven, ${r.counts.attested} attested)`,
  ];
  for (const i of r.items) {
    lines.push(`  ${MARK[i.state].padEnd(8)} ${i.title}: ${i.detail}`);
    if (i.action) lines.push(`           → ${i.action.command}`);
  }
  return lines.join('\n');
}

function listText(rows: ReadinessSummary[]): string {
  if (rows.length === 0) return 'no models yet: preflight models add FILE.onnx';
  return rows
    .map((r) => {
      const states = Object.values(r.states);
      const missing = states.filter((s) => s === 'missing').length;
      const stale = states.filter((s) => s === 'stale').length;
      const counts = [missing && `${missing} missing`, stale && `${stale} stale`].filter(Boolean).join(', ');
      return `${`${r.model.name}@${r.model.version}`.padEnd(28)} ${r.ready ? 'READY' : `NOT READY (${counts})`}`;
    })
    .join('\n');
}
