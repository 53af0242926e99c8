import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import { formatDateTime } from '../../../shared/format/index';
import { describeSource, parseShape } from '../../../shared/bench/input-plan';
import { summarizeProviderError } from '../../../shared/bench/provider-summary';
import { int, intList, list, num, parse } from '../args';
import type { Command, CommandEnv } from '../command';
import { describeAbComparison, describeComparison, describeRun } from './bench-text';
import { describeRemoval } from './removal';
import { table } from './models';

const usage = `preflight bench <file.onnx|NAME[@VERSION]> [--ep cpu,webgpu,cuda,…] [--batch 1,8] [--concurrency 1,2]
                [--warmup N] [--iterations N | --duration S] [--threads N] [--seed N] [--slo "p99<=20ms"] [--json]
  more settings: [--inter-threads N] [--spinning on|off] [--opt-level disabled|basic|extended|all]
                 [--stable] [--tolerance 0.1] [--data DATASET [--columns c1,c2,…]] [--verbose]
  inputs:        [--shape NAME=1x512[,NAME2=2x1x128]] [--value NAME=16000[,…]] [--dim NAME=N[,…]]
  --shape sets an input's whole shape (checked against the model's rank and fixed sizes; unnamed
  dimensions too), --value fills an input with a constant, --dim sets a named symbolic dimension;
  a name that matches nothing is exit 2. A free dimension nobody set is assumed (metadata hint, else 1)
  and the run says so at the top: INPUTS ASSUMED. Values are seeded random in the dtype's range unless
  --value or --data (rows of an imported dataset, cycled batch by batch) gives them.
  --verbose shows onnxruntime's verbatim messages under the one-line summaries
  --inputs only shows the inputs a run would feed (dtype, model shape, shape, values) and stops
  --slo is repeatable or comma-separated, per batch size with bN: (e.g. "b8:p99<=30ms"); breached → exit 1
  a point that produced no numbers (an EP that cannot run) fails the SLO; a run with no numbers at all → exit 1
preflight bench <A> --ab <B> [--ep EP] [--ab-ep EP] [--ab-threads N] [--ab-spinning on|off] [--blocks N] [--block-iterations N]
  A/B: A and B (two models, or one model with two EPs/settings) interleaved in blocks in one process
preflight bench <file.onnx|NAME[@VERSION]> --providers [--verbose]   which execution providers can run the model here, and why not
preflight bench list [--json]     (or --list) the stored runs
preflight bench --compare RUN[:POINT],RUN[:POINT] [--html FILE] [--json]
preflight bench show RUN [--html FILE]     one stored run (--html: a self-contained report file)
preflight bench remove RUN [--dry-run] [--force]   delete a stored run (one an exported bundle cites: --force)`;

const options = {
  ep: { type: 'string' },
  batch: { type: 'string' },
  concurrency: { type: 'string' },
  warmup: { type: 'string' },
  iterations: { type: 'string' },
  duration: { type: 'string' },
  threads: { type: 'string' },
  'inter-threads': { type: 'string' },
  spinning: { type: 'string' },
  'opt-level': { type: 'string' },
  stable: { type: 'boolean', default: false },
  tolerance: { type: 'string' },
  seed: { type: 'string' },
  slo: { type: 'string', multiple: true },
  dim: { type: 'string', multiple: true },
  shape: { type: 'string', multiple: true },
  value: { type: 'string', multiple: true },
  verbose: { type: 'boolean', default: false },
  inputs: { type: 'boolean', default: false },
  list: { type: 'boolean', default: false },
  providers: { type: 'boolean', default: false },
  data: { type: 'string' },
  columns: { type: 'string' },
  compare: { type: 'string' },
  html: { type: 'string' },
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  ab: { type: 'string' },
  'ab-ep': { type: 'string' },
  'ab-threads': { type: 'string' },
  'ab-spinning': { type: 'string' },
  blocks: { type: 'string' },
  'block-iterations': { type: 'string' },
} as const;

export const benchCommand: Command = {
  name: 'bench',
  summary: 'benchmark latency percentiles on every execution provider',
  usage,
  async run(argv, env) {
    const { client, out, signal } = env;
    const { values: v, positionals } = parse(argv, options, 'bench');
    // `bench list`, as `models list` and `drift list` are spelled (a model named "list": `list@1`).
    if (v.list || (positionals.length === 1 && positionals[0] === 'list')) {
      const runs = await client.call('bench/list', {});
      out.result(runs, () =>
        runs.length === 0
          ? 'no benchmark runs yet: preflight bench <model>'
          : table(
              ['RUN', 'KIND', 'MODEL', 'STARTED', 'POINTS', 'EPS', 'BEST P50', 'SLO', 'INPUTS'],
              runs.map((r) => [
                String(r.runId),
                r.kind,
                `${r.model.name}@${r.model.version}`,
                formatDateTime(r.startedAt),
                String(r.points),
                r.eps.join(','),
                r.bestP50Ms === null ? '-' : `${r.bestP50Ms.toFixed(3)} ms`,
                r.sloPassed === null ? '-' : r.sloPassed ? 'pass' : 'FAIL',
                `${r.inputsAssumed ? 'ASSUMED ' : ''}${(r.inputs ?? []).map((i) => i.replace(/ (random|constant|dataset).*$/, '')).join(', ')}`,
              ]),
            ),
      );
      return;
    }
    if (v.providers) {
      if (positionals.length !== 1)
        throw new PreflightError('BAD_ARGUMENTS', 'bench --providers: give one model (a file or NAME[@VERSION])');
      const probed = await client.call('bench/providers', { model: positionals[0] });
      out.result(probed, () =>
        probed
          .map((p) =>
            p.available
              ? `${p.name.padEnd(9)} available`
              : `${p.name.padEnd(9)} unavailable: ${p.summary ?? summarizeProviderError(p.name, p.reason)}${v.verbose && p.reason ? `\n          onnxruntime said: ${p.reason}` : ''}`,
          )
          .join('\n'),
      );
      return;
    }
    if (v.compare !== undefined) {
      const refs = (list(v.compare) ?? []).map(pointRef);
      if (refs.length !== 2)
        throw new PreflightError(
          'BAD_ARGUMENTS',
          'bench --compare: give two runs, e.g. --compare 3,4 or --compare 3:0,3:1',
        );
      if (v.html !== undefined) {
        const file = await client.call('reports/bench-compare', { a: refs[0], b: refs[1], out: path.resolve(v.html) });
        out.result(file, () => `wrote ${file.path} (${file.bytes} bytes, sha256 ${file.sha256})`);
        return;
      }
      const result = await client.call('bench/compare', { a: refs[0], b: refs[1] });
      out.result(result, () => describeComparison(result));
      return;
    }
    if (positionals[0] === 'show' && positionals.length === 2) {
      const runId = int(positionals[1], 'run', 1)!;
      if (v.html !== undefined) {
        const file = await client.call('reports/bench', { runId, out: path.resolve(v.html) });
        out.result(file, () => `wrote ${file.path} (${file.bytes} bytes, sha256 ${file.sha256})`);
        return;
      }
      const run = await client.call('bench/show', { runId });
      out.result({ ...run, modelHash: run.model.sha256 }, () => describeRun(run, v.verbose));
      return;
    }
    if (positionals[0] === 'remove' && positionals.length === 2) {
      const r = await client.call('bench/remove', {
        runId: int(positionals[1], 'run', 1)!,
        force: v.force,
        dryRun: v['dry-run'],
      });
      out.result(r, () => describeRemoval(r));
      return;
    }
    if (v.force || v['dry-run'])
      throw new PreflightError('BAD_ARGUMENTS', 'bench: --force and --dry-run go with `bench remove RUN`');
    if (v.html !== undefined)
      throw new PreflightError('BAD_ARGUMENTS', 'bench: --html goes with `bench show RUN` or `bench --compare A,B`');
    if (positionals.length !== 1)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `bench: give exactly one model (a .onnx file or NAME[@VERSION]); see \`preflight bench --help\``,
      );
    // Flags of the other mode would be silently ignored: refuse them instead.
    const given = (names: readonly string[]) =>
      names.filter((n) => {
        const x = (v as Record<string, unknown>)[n];
        return x !== undefined && x !== false;
      });
    if (v.ab !== undefined) {
      const unsupported = given([
        'slo',
        'iterations',
        'duration',
        'concurrency',
        'data',
        'columns',
        'stable',
        'tolerance',
      ]);
      if (unsupported.length)
        throw new PreflightError(
          'BAD_ARGUMENTS',
          `bench --ab: ${unsupported.map((n) => `--${n}`).join(', ')} ${unsupported.length > 1 ? 'are' : 'is'} not supported with --ab (A/B runs --blocks × --block-iterations per side); run without --ab for a sweep or an SLO gate`,
        );
      return abRun(positionals[0], v, env);
    }
    if (v.inputs) {
      const batch = intList(v.batch, 'batch') ?? [1];
      const plan = await client.call('bench/inputs', {
        model: positionals[0],
        batchSize: batch[0],
        dims: dims(v.dim),
        shapes: shapes(v.shape),
        values: values(v.value),
        seed: int(v.seed, 'seed', 0),
      });
      out.result(plan, () =>
        [
          `${plan.model.name}@${plan.model.version}, batch ${plan.batchSize}${plan.dimNames.length ? `; named dimensions (--dim): ${plan.dimNames.join(', ')}` : ''}`,
          ...(plan.inputsAssumed ? [`!! ${plan.inputsAssumed}`] : []),
          table(
            ['INPUT', 'DTYPE', 'MODEL SHAPE', 'SHAPE', 'VALUES'],
            plan.inputs.map((i) => [
              i.name,
              i.dtype,
              i.declared,
              i.shape.length ? i.shape.join('x') : 'scalar',
              describeSource(i.source, i.dtype),
            ]),
          ),
        ].join('\n'),
      );
      return;
    }
    const abOnly = given(['ab-ep', 'ab-threads', 'ab-spinning', 'blocks', 'block-iterations']);
    if (abOnly.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `bench: ${abOnly.map((n) => `--${n}`).join(', ')} only apply with --ab B`,
      );
    if (v.columns !== undefined && v.data === undefined)
      throw new PreflightError('BAD_ARGUMENTS', 'bench: --columns needs --data DATASET');
    if (v.iterations !== undefined && v.duration !== undefined)
      throw new PreflightError('BAD_ARGUMENTS', 'bench: give --iterations or --duration, not both');
    const run = await client.run(
      'bench/start',
      {
        model: positionals[0],
        eps: list(v.ep) as never,
        batchSizes: intList(v.batch, 'batch'),
        concurrency: intList(v.concurrency, 'concurrency'),
        warmup: int(v.warmup, 'warmup', 0),
        iterations: int(v.iterations, 'iterations', 1),
        durationSec: num(v.duration, 'duration'),
        intraOpThreads: int(v.threads, 'threads', 0),
        interOpThreads: int(v['inter-threads'], 'inter-threads', 0),
        allowSpinning: onOff(v.spinning),
        graphOptimizationLevel: v['opt-level'] as never,
        stability: v.stable || v.tolerance !== undefined ? { tolerance: num(v.tolerance, 'tolerance') } : undefined,
        seed: int(v.seed, 'seed', 0),
        dims: dims(v.dim),
        shapes: shapes(v.shape),
        values: values(v.value),
        slo: v.slo,
        data: v.data === undefined ? undefined : { dataset: v.data, columns: list(v.columns) },
      },
      { onProgress: out.progress, signal },
    );
    out.result({ ...run, modelHash: run.model.sha256 }, () => describeRun(run, v.verbose));
    if (run.sloVerdict && !run.sloVerdict.passed) {
      out.log(
        `SLO breached: ${
          run.sloVerdict.checks
            .filter((c) => !c.passed)
            .map(
              (c) =>
                `${c.slo} on ${c.ep} b${c.batchSize} c${c.concurrency} (${c.reason ?? `${Number.isFinite(c.valueMs) ? c.valueMs.toFixed(3) : '-'} ms`})`,
            )
            .join('; ') || 'no point produced numbers'
        } — exit 1 (CHECK_FAILED)`,
      );
      return 1;
    }
    // Nothing measured is not a result: say so with a failing exit code, whatever the reason.
    if (run.results.every((r) => !r.latencyMs)) {
      out.log(
        `no point produced numbers: ${[...new Set(run.results.map((r) => `${r.label}: ${r.error ? (r.errorSummary ?? r.error) : 'nothing was measured'}`))].join('; ')} — exit 1 (CHECK_FAILED)`,
      );
      return 1;
    }
  },
};

type Values = ReturnType<typeof parse<typeof options>>['values'];

async function abRun(a: string, v: Values, { client, out, signal }: CommandEnv): Promise<number | void> {
  const eps = list(v.ep) ?? ['cpu'];
  if (eps.length !== 1)
    throw new PreflightError('BAD_ARGUMENTS', 'bench --ab: give one --ep for A (and --ab-ep for B)');
  const batch = intList(v.batch, 'batch') ?? [1];
  if (batch.length !== 1) throw new PreflightError('BAD_ARGUMENTS', 'bench --ab: give one --batch size');
  const shared = {
    intraOpThreads: int(v.threads, 'threads', 0),
    interOpThreads: int(v['inter-threads'], 'inter-threads', 0),
    allowSpinning: onOff(v.spinning),
    graphOptimizationLevel: v['opt-level'] as never,
  };
  const run = await client.run(
    'bench/ab',
    {
      a: { model: a, ep: eps[0] as never, ...shared },
      b: {
        model: v.ab!,
        ep: (v['ab-ep'] ?? eps[0]) as never,
        ...shared,
        intraOpThreads: int(v['ab-threads'], 'ab-threads', 0) ?? shared.intraOpThreads,
        allowSpinning: onOff(v['ab-spinning']) ?? shared.allowSpinning,
      },
      batchSize: batch[0],
      warmup: int(v.warmup, 'warmup', 0),
      blocks: int(v.blocks, 'blocks', 1),
      blockIterations: int(v['block-iterations'], 'block-iterations', 1),
      seed: int(v.seed, 'seed', 0),
      dims: dims(v.dim),
      shapes: shapes(v.shape),
      values: values(v.value),
    },
    { onProgress: out.progress, signal },
  );
  out.result(
    { ...run, modelHash: run.model.sha256 },
    () =>
      `${describeRun(run, v.verbose)}\n${run.comparison ? describeAbComparison(run.comparison) : 'no comparison: a side did not run'}`,
  );
}

function onOff(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'true' || value === '1') return true;
  if (value === 'off' || value === 'false' || value === '0') return false;
  throw new PreflightError('BAD_ARGUMENTS', `--spinning: "${value}" must be on or off`);
}

function dims(items: string[] | undefined): Record<string, number> | undefined {
  if (!items) return undefined;
  return Object.fromEntries(
    items
      .flatMap((s) => s.split(','))
      .map((item) => {
        const m = /^([^=]+)=([1-9][0-9]*)$/.exec(item.trim());
        if (!m)
          throw new PreflightError(
            'BAD_ARGUMENTS',
            `--dim "${item}": expected NAME=N with N a positive integer, e.g. --dim seq=128`,
          );
        return [m[1], Number(m[2])];
      }),
  );
}

/** --shape input=1x512,state=2x1x128 (repeatable) → { input: [1, 512], state: [2, 1, 128] }; "sr=" is a scalar. */
function shapes(items: string[] | undefined): Record<string, number[]> | undefined {
  if (!items) return undefined;
  return Object.fromEntries(
    items
      .flatMap((s) => s.split(','))
      .map((item) => {
        const m = /^([^=]+)=(.*)$/.exec(item.trim());
        if (!m)
          throw new PreflightError(
            'BAD_ARGUMENTS',
            `--shape "${item}": expected NAME=AxBx…, e.g. --shape input=1x512,state=2x1x128`,
          );
        return [m[1], parseShape(m[2], `--shape ${m[1]}=`)];
      }),
  );
}

/** --value sr=16000 (repeatable, comma-separated) → { sr: 16000 }. */
function values(items: string[] | undefined): Record<string, number> | undefined {
  if (!items) return undefined;
  return Object.fromEntries(
    items
      .flatMap((s) => s.split(','))
      .map((item) => {
        const m = /^([^=]+)=(.+)$/.exec(item.trim());
        const n = m ? Number(m[2]) : NaN;
        if (!m || !Number.isFinite(n))
          throw new PreflightError('BAD_ARGUMENTS', `--value "${item}": expected NAME=NUMBER, e.g. --value sr=16000`);
        return [m[1], n];
      }),
  );
}

function pointRef(text: string): { runId: number; point?: number } {
  const m = /^([1-9][0-9]*)(?::([0-9]+))?$/.exec(text);
  if (!m) throw new PreflightError('BAD_ARGUMENTS', `bench --compare: "${text}" is not RUN or RUN:POINT`);
  return m[2] === undefined ? { runId: Number(m[1]) } : { runId: Number(m[1]), point: Number(m[2]) };
}
