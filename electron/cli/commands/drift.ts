import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import { formatCount, formatDateTime, formatNumber, formatShare, formatTimings } from '../../../shared/format/index';
import {
  DRIFT_TESTS,
  type DriftReport,
  type DriftTest,
  type FeatureDrift,
  type FeatureOverride,
} from '../../../shared/types/drift';
import { int, list, parse } from '../args';
import { inFlagTerms } from '../flag-errors';
import type { Command } from '../command';
import { describeRemoval, removeOptions } from './removal';
import { table } from './models';

const usage = `preflight drift --reference R --current C [options]     R, C: dataset names or files (imported on the fly)
  --mode exact|profile          profile: compare with R's stored reference profile (no reference re-read)
  --columns a,b,…               only these columns
  --threshold TEST=V,…          per-test thresholds (tests: ${DRIFT_TESTS.join(', ')})
  --feature NAME=TEST[:V]       per-feature test and/or threshold (repeatable; NAME=:V keeps the test)
  --drift-share S               dataset drift when the share of drifted features ≥ S (default 0.5)
  --time-column T [--window day|week|month]   drift per time window of the current dataset
  --model M [--map INPUT=col1,col2,…]          prediction drift (mapping saved for the model; repeat --map per input)
  --fail-on-drift               exit 1 when dataset drift is detected, or no feature could be compared
preflight drift list | show ID [--html FILE] | remove ID [--dry-run] [--force] | profile DATASET [--grid N] | profiles   [--workspace DIR] [--json]`;

export const driftCommand: Command = {
  name: 'drift',
  summary: 'compare training and production feature distributions',
  usage,
  async run(argv, { client, out, signal }) {
    const [verb, ...rest] = argv;
    if (verb === 'list') {
      parse(rest, {}, 'drift list');
      const reports = await client.call('drift/list', {});
      out.result(reports, () =>
        reports.length === 0
          ? 'no drift reports yet: preflight drift --reference R --current C'
          : table(
              ['ID', 'CREATED', 'REFERENCE', 'CURRENT', 'MODEL', 'DRIFTED', 'VERDICT'],
              reports.map((r) => [
                String(r.id),
                formatDateTime(r.createdAt),
                r.reference,
                r.current,
                r.model ?? '',
                `${r.dataset.drifted}/${r.dataset.total}`,
                r.dataset.detected ? 'DRIFT' : 'ok',
              ]),
            ),
      );
      return;
    }
    if (verb === 'show') {
      const { values, positionals } = parse(rest, { html: { type: 'string' } }, 'drift show');
      const id = int(positionals[0], 'id', 1);
      if (positionals.length !== 1 || id === undefined)
        throw new PreflightError('BAD_ARGUMENTS', 'drift show: give one report id (see `preflight drift list`)');
      if (values.html !== undefined) {
        const file = await client.call('reports/drift', { id, out: path.resolve(values.html) });
        out.result(file, () => `wrote ${file.path} (${file.bytes} bytes, sha256 ${file.sha256})`);
        return;
      }
      const report = await client.call('drift/show', { id });
      out.result(report, () => human(report));
      return;
    }
    if (verb === 'remove') {
      const { values, positionals } = parse(rest, removeOptions, 'drift remove');
      const id = int(positionals[0], 'id', 1);
      if (positionals.length !== 1 || id === undefined)
        throw new PreflightError('BAD_ARGUMENTS', 'drift remove: give one report id (see `preflight drift list`)');
      const r = await client.call('drift/remove', { id, force: values.force, dryRun: values['dry-run'] });
      out.result(r, () => describeRemoval(r));
      return;
    }
    if (verb === 'profile') {
      const { values, positionals } = parse(rest, { grid: { type: 'string' } }, 'drift profile');
      if (positionals.length !== 1) throw new PreflightError('BAD_ARGUMENTS', 'drift profile: give one dataset name');
      const p = await client.run(
        'drift/profile',
        { dataset: positionals[0], gridSize: int(values.grid, 'grid', 100) },
        { onProgress: out.progress, signal },
      );
      out.result(
        p,
        () => `profile of ${p.dataset}: ${p.rows} rows, ${p.columns} columns, grid ${p.gridSize}, ${p.bytes} bytes`,
      );
      return;
    }
    if (verb === 'profiles') {
      parse(rest, {}, 'drift profiles');
      const ps = await client.call('drift/profiles', {});
      out.result(ps, () =>
        ps.length
          ? table(
              ['DATASET', 'ROWS', 'COLUMNS', 'GRID', 'BYTES', 'CREATED'],
              ps.map((p) => [
                p.dataset,
                String(p.rows),
                String(p.columns),
                String(p.gridSize),
                String(p.bytes),
                formatDateTime(p.createdAt),
              ]),
            )
          : 'no profiles yet: preflight drift profile DATASET',
      );
      return;
    }
    const { values, positionals } = parse(
      argv,
      {
        reference: { type: 'string' },
        current: { type: 'string' },
        mode: { type: 'string' },
        columns: { type: 'string' },
        threshold: { type: 'string' },
        feature: { type: 'string', multiple: true },
        'drift-share': { type: 'string' },
        'time-column': { type: 'string' },
        window: { type: 'string' },
        model: { type: 'string' },
        map: { type: 'string', multiple: true },
        'fail-on-drift': { type: 'boolean', default: false },
      },
      'drift',
    );
    if (positionals.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `drift: unexpected "${positionals[0]}"; see \`preflight drift --help\``,
      );
    if (!values.reference || !values.current)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `drift: --reference and --current are required; see \`preflight drift --help\``,
      );
    // --mode, --window and --drift-share are checked by the contract; a refusal names the flag and the value.
    const share = values['drift-share'] === undefined ? undefined : Number(values['drift-share']);
    const known = new Set((await client.call('datasets/list', {})).map((d) => d.name));
    const report = await client
      .run(
        'drift/run',
        {
          reference: values.reference,
          current: values.current,
          mode: values.mode as 'exact' | 'profile' | undefined,
          columns: list(values.columns),
          thresholds: parseThresholds(values.threshold),
          features: parseFeatures(values.feature),
          datasetDriftShare: share,
          timeColumn: values['time-column'],
          window: values.window as 'day' | 'week' | 'month' | undefined,
          model: values.model,
          mapping: parseMap(values.map),
        },
        { onProgress: out.progress, signal },
      )
      .catch((error: unknown) => {
        throw inFlagTerms(error, {
          mode: ['--mode', values.mode],
          window: ['--window', values.window],
          datasetDriftShare: ['--drift-share', values['drift-share']],
          timeColumn: ['--time-column', values['time-column']],
        });
      });
    // Files are imported on the fly: say which datasets that added, so the user can find (or remove) them.
    const registered = [
      { side: 'reference', given: values.reference, name: report.reference.name },
      { side: 'current', given: values.current, name: report.current.name },
    ].filter((x, i, all) => !known.has(x.name) && all.findIndex((y) => y.name === x.name) === i);
    if (registered.length)
      out.log(`registered ${registered.map((r) => `dataset ${r.name} (${r.side}, from ${r.given})`).join(' and ')}`);
    out.result({ ...report, registeredDatasets: registered.map((r) => r.name) }, () => human(report));
    if (values['fail-on-drift'] && report.dataset.detected) {
      out.log(
        `drift detected: ${report.dataset.drifted} of ${report.dataset.total} features (share ${report.dataset.share.toFixed(2)} ≥ ${report.dataset.threshold}) — exit 1 (CHECK_FAILED)`,
      );
      return 1;
    }
    // A gate that passes because nothing could be compared would hide the worst case (a schema change).
    if (values['fail-on-drift'] && report.dataset.total === 0) {
      out.log('drift not assessed: no feature could be compared (see the schema differences) — exit 1 (CHECK_FAILED)');
      return 1;
    }
  },
};

function testName(t: string, flag: string): DriftTest {
  if (!(DRIFT_TESTS as readonly string[]).includes(t))
    throw new PreflightError('BAD_ARGUMENTS', `${flag}: unknown test "${t}" (tests: ${DRIFT_TESTS.join(', ')})`);
  return t as DriftTest;
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new PreflightError('BAD_ARGUMENTS', `${flag}: "${v}" must be a positive number`);
  return n;
}

function parseThresholds(text: string | undefined): Partial<Record<DriftTest, number>> | undefined {
  if (!text) return undefined;
  const out: Partial<Record<DriftTest, number>> = {};
  for (const part of list(text) ?? []) {
    const [t, v] = part.split('=');
    if (v === undefined)
      throw new PreflightError('BAD_ARGUMENTS', `--threshold: "${part}" must be TEST=VALUE, e.g. ks=0.01`);
    out[testName(t.trim(), '--threshold')] = positive(v.trim(), '--threshold');
  }
  return out;
}

function parseFeatures(items: string[] | undefined): Record<string, FeatureOverride> | undefined {
  if (!items?.length) return undefined;
  const out: Record<string, FeatureOverride> = {};
  for (const item of items) {
    // The feature name may itself contain "=": split at the last one.
    const eq = item.lastIndexOf('=');
    if (eq <= 0)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `--feature: "${item}" must be NAME=TEST[:THRESHOLD] or NAME=:THRESHOLD`,
      );
    const [t, v] = item.slice(eq + 1).split(':');
    const o: FeatureOverride = {};
    if (t) o.test = testName(t, '--feature');
    if (v) o.threshold = positive(v, '--feature');
    out[item.slice(0, eq)] = o;
  }
  return out;
}

function parseMap(items: string[] | undefined) {
  if (!items?.length) return undefined;
  return items.map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new PreflightError('BAD_ARGUMENTS', `--map: "${item}" must be INPUT=col1,col2,…`);
    return { input: item.slice(0, eq), columns: list(item.slice(eq + 1)) ?? [] };
  });
}

function missingCell(f: FeatureDrift): string {
  return `${formatShare(f.missing.reference)}/${formatShare(f.missing.current)}`;
}

function featureTable(features: FeatureDrift[]): string {
  return table(
    ['FEATURE', 'KIND', 'TEST', 'SCORE', 'THRESHOLD', 'DRIFTED', 'EFFECT', 'MISSING REF/CUR'],
    features.map((f) => [
      f.name,
      f.kind,
      f.test + (f.overridden ? '*' : ''),
      formatNumber(f.score),
      String(f.threshold),
      f.tested ? (f.drifted ? 'YES' : 'no') : 'untested',
      f.effectSize.value === null ? '—' : `${f.effectSize.name}=${formatNumber(f.effectSize.value)}`,
      missingCell(f),
    ]),
  );
}

function human(r: DriftReport): string {
  const d = r.dataset;
  const lines = [
    `drift report #${r.id}: ${r.reference.name} (${formatCount(r.reference.rows)} rows${r.mode === 'profile' ? ', profile' : ''}) → ${r.current.name} (${formatCount(r.current.rows)} rows)`,
    featureTable(r.features),
    d.total === 0
      ? 'dataset drift: NOT ASSESSED — no feature could be compared (see the schema differences and findings below)'
      : `dataset drift: ${d.detected ? 'DETECTED' : 'not detected'} — ${d.drifted} of ${d.total} features drifted (share ${d.share.toFixed(2)}, threshold ${d.threshold})`,
  ];
  const s = r.schema;
  if (s.missingInCurrent.length) lines.push(`missing in current: ${s.missingInCurrent.join(', ')}`);
  if (s.newInCurrent.length) lines.push(`new in current: ${s.newInCurrent.join(', ')}`);
  for (const t of s.typeChanged) lines.push(`type changed: ${t.name} ${t.reference} → ${t.current}`);
  const notes = [...r.findings, ...r.features.flatMap((f) => f.findings.map((x) => `${f.name}: ${x}`))];
  if (notes.length) lines.push('findings:', ...notes.map((n) => `  - ${n}`));
  if (r.windows) {
    const w = r.windows;
    lines.push(
      `time windows (${w.unit}, ${w.column}): ${w.windows.length} windows; drift share per window: ${w.windows.map((x) => `${x.label} ${formatShare(x.driftShare, 0)}`).join(', ')}`,
    );
    const started = Object.entries(w.firstDrift).filter(([, v]) => v);
    if (started.length) lines.push(`first drifted window: ${started.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (r.predictions) {
    const p = r.predictions;
    lines.push(
      `predictions of ${p.model} (${p.mapping.how} mapping; ${formatCount(p.rows.reference)}/${formatCount(p.rows.current)} rows scored):`,
      featureTable(p.outputs),
    );
  }
  lines.push(`took ${formatTimings(r.timings)}`);
  return lines.join('\n');
}
