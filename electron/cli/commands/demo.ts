import { parse } from '../args';
import type { Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill an empty workspace with a demo model, datasets with planted drift, a drift report and a benchmark',
  usage: 'preflight demo [--no-benchmark] [--workspace DIR] [--json]',
  async run(argv, { client, out, signal }) {
    const { values } = parse(argv, { 'no-benchmark': { type: 'boolean' } }, 'demo');
    const result = await client.run('demo/create', { benchmark: !values['no-benchmark'] }, { onProgress: out.progress, signal });
    out.result(result, () =>
      [
        `demo ready: model ${result.model.name}@${result.model.version}, datasets ${result.reference} and ${result.current}`,
        `  preflight drift show ${result.driftReportId}`,
        result.benchRunId ? `  preflight bench --compare ${result.benchRunId},${result.benchRunId}   (or open Benchmarks in the UI)` : '',
        '  preflight serve   (then Models, Datasets, Benchmarks, Drift)',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
};
