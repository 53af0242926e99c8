import { PreflightError } from '../../../shared/contract/errors';
import type { ValidateResult } from '../../../shared/types/bundles';
import { list, parse } from '../args';
import type { Command } from '../command';

const usage = `preflight validate --bundle bundle.zip --data <file.csv|.tsv|.parquet|.jsonl|DATASET> [options]
  --predictions COL,…            batch columns holding the model's logged outputs, in the order of the bundle's output signals
  --time-column C --window day|week|month    the checks per time window (which week did it start?)
  --report out.html              also write a self-contained HTML report
  --keep-data                    keep the imported batch as a dataset of the workspace
exit 0 the batch honours the contract, 1 a rule is broken, 2 bad usage or an unreadable/unsafe input.
Only the bundle and the batch are needed: no training data, no network.`;

export const validateCommand: Command = {
  name: 'validate',
  summary: "check a production batch against a bundle's contract (schema, quality, drift, predictions)",
  usage,
  async run(argv, { client, out, signal }) {
    const { values, positionals } = parse(
      argv,
      {
        bundle: { type: 'string' },
        data: { type: 'string' },
        predictions: { type: 'string', multiple: true },
        'time-column': { type: 'string' },
        window: { type: 'string' },
        report: { type: 'string' },
        'keep-data': { type: 'boolean', default: false },
      },
      'validate',
    );
    if (positionals.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `validate: unexpected "${positionals[0]}"; see \`preflight validate --help\``,
      );
    if (!values.bundle || !values.data)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        'validate: --bundle and --data are required; see `preflight validate --help`',
      );
    const predictions = values.predictions?.flatMap((p) => list(p) ?? []);
    const result = await client.run(
      'bundles/validate',
      {
        bundle: values.bundle,
        data: values.data,
        predictions: predictions?.length ? predictions : undefined,
        timeColumn: values['time-column'],
        window: values.window as 'day' | 'week' | 'month' | undefined,
        report: values.report,
        keepData: values['keep-data'],
      },
      { onProgress: out.progress, signal },
    );
    out.result(result, () => summary(result));
    if (!result.ok) return 1;
  },
};

/** One terminal screen: the verdict, then only what broke, each with its number and the bundle's limit. */
function summary(r: ValidateResult): string {
  const broken = r.checks.filter((c) => !c.ok);
  const notices = r.checks.filter((c) => c.ok && c.notice);
  const lines = [
    r.ok
      ? `OK: ${r.data.name} (${r.data.rows} rows) honours the contract of ${r.bundle.model.name}@${r.bundle.model.version} — ${r.checks.filter((c) => !c.notice).length} checks`
      : `BROKEN: ${broken.length} rule(s) of ${r.bundle.model.name}@${r.bundle.model.version}'s contract broken by ${r.data.name} (${r.data.rows} rows)`,
    ...broken.slice(0, 18).map((c) => `  ${c.kind.padEnd(10)} ${(c.feature ?? '—').padEnd(20)} ${c.message}`),
  ];
  if (broken.length > 18) lines.push(`  … and ${broken.length - 18} more (--json lists every check)`);
  for (const n of notices) lines.push(`  note: ${n.feature ? `${n.feature}: ` : ''}${n.message}`);
  if (r.predictions.how === 'none' && r.predictions.reason)
    lines.push(`  predictions not checked: ${r.predictions.reason}`);
  if (r.report) lines.push(`report: ${r.report.path}`);
  lines.push(`took ${r.seconds.toFixed(2)} s`);
  return lines.join('\n');
}
