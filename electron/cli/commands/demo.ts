import { resolveWorkspaceDir } from '../../core/workspace/location';
import { parse } from '../args';
import type { Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill an empty workspace with a demo model, datasets with planted drift, a drift report and a benchmark',
  usage: 'preflight demo [--no-benchmark] [--workspace DIR] [--json]',
  async run(argv, { client, out, signal, workspaceDir }) {
    const { values } = parse(argv, { 'no-benchmark': { type: 'boolean' } }, 'demo');
    const result = await client.run(
      'demo/create',
      { benchmark: !values['no-benchmark'] },
      { onProgress: out.progress, signal },
    );
    // The hints must reach this workspace when pasted: name it unless it is the default one.
    const ws =
      workspaceDir === resolveWorkspaceDir(undefined, { ...process.env, PREFLIGHT_WORKSPACE: '' })
        ? ''
        : ` --workspace ${shellQuote(workspaceDir)}`;
    out.result(result, () =>
      [
        `demo ready: model ${result.model.name}@${result.model.version}, datasets ${result.reference} and ${result.current}`,
        `files: ${result.folder} (the model and the two CSV files the datasets were imported from)`,
        'next:',
        `  preflight drift show ${result.driftReportId}${ws}`,
        `  preflight drift --reference ${result.reference} --current ${result.current} --time-column event_time --window week${ws}`,
        result.benchRunId ? `  preflight bench list${ws}` : '',
        `  preflight serve${ws}   (then Models, Datasets, Benchmarks, Drift)`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
};

/** A path as one shell word (POSIX quoting; plain paths stay as they are). */
function shellQuote(p: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}
