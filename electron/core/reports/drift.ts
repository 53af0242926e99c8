// A stored drift report as a hand-over HTML file: the verdict, every feature with every metric and
// its distributions, the time windows and the prediction drift — the numbers of the screen, for all
// features at once (the screen shows one feature's detail at a time).
import {
  featureFacts,
  HEAT_NOTE,
  heatmapOption,
  overlayOption,
  windowShareOption,
} from '../../../shared/drift-view/index';
import type { DriftReport, FeatureDrift, TimeWindows } from '../../../shared/types/drift';
import type { CoreContext } from '../context';
import type { JobContext } from '../jobs/manager';
import { formatTimings } from '../../../shared/format/timings';
import { count, EFFECT_LABEL, num, pct, TEST_LABEL } from './format';
import { esc, figure, list, page, table, type ReportSection } from './html';
import { isoLocal, producedFacts } from './provenance';
import { chartRenderer, type Svg } from './svg';

export async function driftReportHtml(core: CoreContext, id: number, job: JobContext): Promise<string> {
  const r = await core.invoke('drift/show', { id }, job);
  const svg = await chartRenderer();
  const datasetFact = async (name: string, rows: number, kind: string) => {
    const d = await core.invoke('datasets/show', { ref: name }, job).catch(() => null);
    return `${esc(name)} — ${count(rows)} rows${kind}${d ? `, ${d.columns} columns, from ${esc(d.sourcePath)} (${count(d.sourceBytes)} bytes)` : ' (dataset no longer in the workspace)'}`;
  };
  let modelFact = 'none (feature drift only)';
  let ort: string | null = null;
  if (r.predictions) {
    const m = await core.invoke('models/show', { ref: r.predictions.model }, job).catch(() => null);
    modelFact = m
      ? `${esc(m.name)}@${esc(m.version)} — sha256 <span class="mono">${esc(m.sha256)}</span>`
      : `${esc(r.predictions.model)} (no longer registered)`;
    ort = m?.loadCheck?.ortVersion ?? null;
  }
  const facts: [string, string][] = [
    ['Model', modelFact],
    [
      'Reference',
      await datasetFact(r.reference.name, r.reference.rows, r.mode === 'profile' ? ', stored profile' : ''),
    ],
    ['Current', await datasetFact(r.current.name, r.current.rows, '')],
    ['Mode', esc(r.mode)],
    ['Report created', esc(isoLocal(new Date(r.createdAt)))],
    ...producedFacts(core, ort),
  ];
  const sections: ReportSection[] = [
    summary(r),
    { title: `Features (${r.features.length})`, body: featureTable(r.features) },
  ];
  sections.push({ title: 'Feature details', body: r.features.map((f) => featureDetail(f, svg)).join('\n') });
  if (r.windows) sections.push(windows(r.windows, r.features, r.dataset.threshold, svg));
  if (r.predictions) {
    const p = r.predictions;
    sections.push({
      title: `Predictions of ${p.model}`,
      body: `<p>${p.dataset.drifted} of ${p.dataset.total} output signals drifted · mapping ${esc(p.mapping.how)}: ${esc(p.mapping.inputs.map((m) => `${m.input} ← ${m.columns.join(', ')}`).join('; '))} · scored ${count(p.rows.reference)} / ${count(p.rows.current)} rows (skipped ${p.skipped.reference} / ${p.skipped.current} with missing inputs)</p>${featureTable(p.outputs)}${p.outputs.map((f) => featureDetail(f, svg)).join('\n')}`,
    });
  }
  return page(`Drift report #${r.id}: ${r.reference.name} → ${r.current.name}`, facts, sections);
}

function summary(r: DriftReport): ReportSection {
  const d = r.dataset;
  const s = r.schema;
  const verdict =
    d.total === 0
      ? '<div class="verdict bad">Dataset drift not assessed — no feature could be compared: see the schema differences and the features’ findings</div>'
      : `<div class="verdict ${d.detected ? 'bad' : 'ok'}">${d.detected ? 'Dataset drift detected' : 'No dataset drift'} — ${d.drifted} of ${d.total} features drifted (${pct(d.share, 0)}; threshold ${pct(d.threshold, 0)})</div>`;
  const schema =
    s.missingInCurrent.length + s.newInCurrent.length + s.typeChanged.length === 0
      ? 'same columns and types'
      : [
          s.missingInCurrent.length ? `missing in current: ${s.missingInCurrent.join(', ')}` : null,
          s.newInCurrent.length ? `new in current: ${s.newInCurrent.join(', ')}` : null,
          s.typeChanged.length
            ? `type changed: ${s.typeChanged.map((t) => `${t.name} (${t.reference} → ${t.current})`).join(', ')}`
            : null,
        ]
          .filter(Boolean)
          .join(' · ');
  return {
    title: 'Summary',
    body: `${verdict}<dl class="facts"><dt>Schema</dt><dd>${esc(schema)}</dd><dt>Timing</dt><dd class="mono">${esc(formatTimings(r.timings))}</dd></dl>${list(r.findings)}`,
  };
}

const threshold = (f: FeatureDrift) =>
  `${f.scoreKind === 'p_value' ? (f.test === 'ks' ? '≤ ' : '< ') : '≥ '}${f.threshold}`;
const state = (f: FeatureDrift) =>
  !f.tested ? 'untested' : f.drifted ? '<strong style="color:#a50e0e">drifted</strong>' : 'stable';

function featureTable(features: FeatureDrift[]): string {
  // Most severe first, as the screen sorts by default: drifted, then stable, then untested.
  const rows = [...features].sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name));
  return table(
    ['Feature', 'Kind', 'Test', 'Score', 'Threshold', 'Drifted', 'Effect size', 'Missing ref → cur', 'Other signals'],
    rows.map((f) => [
      esc(f.name),
      esc(f.kind),
      esc(`${TEST_LABEL[f.test] ?? f.test}${f.overridden ? ' *' : ''}`),
      `<span class="mono">${num(f.score)}</span>`,
      `<span class="mono">${esc(threshold(f))}</span>`,
      state(f),
      f.effectSize.value === null
        ? '—'
        : `<span class="mono">${esc(EFFECT_LABEL[f.effectSize.name])} ${num(f.effectSize.value)}</span>`,
      `<span class="mono">${pct(f.missing.reference)} → ${pct(f.missing.current)}</span>`,
      esc(
        [
          f.unseenCategoryShare ? `unseen ${pct(f.unseenCategoryShare)}` : null,
          f.outOfRangeShare ? `out of range ${pct(f.outOfRangeShare)}` : null,
          f.findings.length ? `${f.findings.length} finding${f.findings.length > 1 ? 's' : ''}` : null,
        ]
          .filter(Boolean)
          .join(' · ') || '—',
      ),
    ]),
    [3, 4],
    '* test or threshold overridden for this feature',
  );
}

const rank = (f: FeatureDrift) => (f.tested ? (f.drifted ? 2 : 1) : 0);

function featureDetail(f: FeatureDrift, svg: Svg): string {
  const facts = featureFacts(f);
  const chart = f.histogram ? svg(overlayOption(f.histogram), 520, 260) : '<p class="muted">No values to draw.</p>';
  return `<div style="break-inside:avoid"><h3>${esc(f.name)}: reference vs current</h3><div class="grid"><figure>${chart}</figure><div><dl class="facts">${facts
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd class="mono">${esc(v)}</dd>`)
    .join('')}</dl>${list(f.findings)}</div></div></div>`;
}

function windows(w: TimeWindows, features: FeatureDrift[], datasetThreshold: number, svg: Svg): ReportSection {
  const heat = svg(heatmapOption(w, features), 1000, Math.max(220, 28 * w.features.length + 110));
  const share = svg(windowShareOption(w, datasetThreshold), 1000, 220);
  const cells = table(
    ['Feature', ...w.windows.map((x) => `${x.label} (${count(x.rows)} rows)`)],
    w.features.map((name, fi) => [
      esc(name),
      ...w.cells[fi].map((c) =>
        c.score === null ? '—' : `<span class="mono">${num(c.score)}</span>${c.drifted ? ' drifted' : ''}`,
      ),
    ]),
    w.windows.map((_, i) => i + 1),
    'Score of each feature in each window, against the whole reference',
  );
  const firstDrift = Object.entries(w.firstDrift)
    .map(([k, v]) => `${k} ${v ?? '—'}`)
    .join(' · ');
  return {
    title: `Over time: ${w.features.length} features × ${w.windows.length} ${w.unit}s of ${w.column}`,
    body: `${figure('Drift per feature and time window', heat)}<p class="muted">${esc(HEAT_NOTE)}</p>${figure('Share of drifted features per time window', share)}<p>Share drifted per window: ${esc(
      w.windows.map((x) => `${x.label} ${pct(x.driftShare, 0)}${x.detected ? ' (dataset drift)' : ''}`).join(' · '),
    )}</p>${cells}<p class="muted">First drifted window: ${esc(firstDrift)}${w.skippedRows ? ` · ${w.skippedRows} rows without a readable time` : ''}</p>`,
  };
}
