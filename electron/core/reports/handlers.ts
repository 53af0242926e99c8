import type { Handlers } from '../handler-types';
import { benchCompareHtml, benchReportHtml } from './bench';
import { driftReportHtml } from './drift';
import { writeReport } from './write';

export const reportHandlers: Handlers<'reports/drift' | 'reports/bench' | 'reports/bench-compare'> = {
  'reports/drift': async (core, args, job) =>
    writeReport(core, await driftReportHtml(core, args.id, job), `drift-report-${args.id}.html`, args.out, args.inline),
  'reports/bench': async (core, args, job) =>
    writeReport(
      core,
      await benchReportHtml(core, args.runId, job),
      `benchmark-run-${args.runId}.html`,
      args.out,
      args.inline,
    ),
  'reports/bench-compare': async (core, args, job) =>
    writeReport(
      core,
      await benchCompareHtml(core, args.a, args.b, job),
      `benchmark-compare-${args.a.runId}-${args.b.runId}.html`,
      args.out,
      args.inline,
    ),
};
