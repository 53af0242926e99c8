// A stored drift report as a hand-over HTML file: the verdict, every feature with every metric and
// its distributions, the time windows and the prediction drift — the numbers of the screen, for all
// features at once (the screen shows one feature's detail at a time).
import type { DriftHistogram, DriftReport, FeatureDrift, TimeWindows } from '../../../shared/types/drift';
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
  const m = f.metrics;
  const facts: [string, string][] = [
    [
      'Deciding test',
      `${TEST_LABEL[f.test]} = ${num(f.score)} (threshold ${f.threshold}) → ${f.tested ? (f.drifted ? 'drifted' : 'stable') : 'not tested'}`,
    ],
    [
      'Effect size',
      f.effectSize.value === null ? '—' : `${EFFECT_LABEL[f.effectSize.name]} ${num(f.effectSize.value)}`,
    ],
    ['KS', m.ksPValue === null ? '—' : `D ${num(m.ksStatistic)}, p ${num(m.ksPValue)}`],
    ['Wasserstein (normed)', num(m.wassersteinNormed)],
    ['PSI · Jensen–Shannon', `${num(m.psi)} · ${num(m.jensenShannon)}`],
    ['Chi-square', m.chiSquarePValue === null ? '—' : `p ${num(m.chiSquarePValue)}, Cramér's V ${num(m.cramersV)}`],
    ['z-test', m.zTestPValue === null ? '—' : `p ${num(m.zTestPValue)}, Cohen's h ${num(m.cohensH)}`],
    [
      'Values (ref / cur)',
      `${count(f.values.reference)} / ${count(f.values.current)} of ${count(f.rows.reference)} / ${count(f.rows.current)} rows`,
    ],
    ['Missing (ref → cur)', `${pct(f.missing.reference)} → ${pct(f.missing.current)}`],
  ];
  if (f.unseenCategoryShare !== null) facts.push(['Unseen categories', pct(f.unseenCategoryShare)]);
  if (f.outOfRangeShare !== null) facts.push(['Outside reference range', pct(f.outOfRangeShare)]);
  if (f.approximation)
    facts.push([
      'Profile approximation',
      `|ΔD| ≤ ${num(f.approximation.ksStatistic)}, |ΔW| ≤ ${num(f.approximation.wassersteinNormed)}`,
    ]);
  const chart = f.histogram ? svg(overlayOption(f.histogram), 520, 260) : '<p class="muted">No values to draw.</p>';
  return `<div style="break-inside:avoid"><h3>${esc(f.name)}: reference vs current</h3><div class="grid"><figure>${chart}</figure><div><dl class="facts">${facts
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd class="mono">${esc(v)}</dd>`)
    .join('')}</dl>${list(f.findings)}</div></div></div>`;
}

function overlayOption(h: DriftHistogram) {
  const labels =
    h.kind === 'numerical'
      ? h.edges.slice(0, -1).map((e) => num(e))
      : h.categories.map((c) => (c.length > 14 ? `${c.slice(0, 13)}…` : c));
  return {
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 32, bottom: 52 },
    xAxis: {
      type: 'category',
      data: labels,
      name: h.kind === 'numerical' ? 'value (bin start; tails folded into the end bins)' : 'category',
      nameLocation: 'middle',
      nameGap: 34,
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', name: 'share of rows', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { type: 'bar', name: 'reference', data: h.reference, barGap: '-100%', itemStyle: { opacity: 0.55 } },
      { type: 'bar', name: 'current', data: h.current, itemStyle: { opacity: 0.55 } },
    ],
  };
}

function windows(w: TimeWindows, features: FeatureDrift[], datasetThreshold: number, svg: Svg): ReportSection {
  const byName = new Map(features.map((f) => [f.name, f]));
  const data: [number, number, number | '-'][] = [];
  w.cells.forEach((row, fi) => {
    const f = byName.get(w.features[fi]);
    row.forEach((c, wi) =>
      data.push([
        wi,
        fi,
        c.score === null || !f
          ? '-'
          : f.scoreKind === 'distance'
            ? Math.min(c.score / f.threshold, 2)
            : c.drifted
              ? 1.75
              : 0.25,
      ]),
    );
  });
  const heat = svg(
    {
      grid: { left: 120, right: 24, top: 16, bottom: 96 },
      xAxis: {
        type: 'category',
        data: w.windows.map((x) => x.label),
        axisLabel: { rotate: w.windows.length > 8 ? 40 : 0 },
      },
      yAxis: { type: 'category', data: w.features, inverse: true },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        pieces: [
          { gte: 0, lt: 0.5, label: 'stable (< ½ threshold)', color: '#dff3e4' },
          { gte: 0.5, lt: 1, label: 'stable (near threshold)', color: '#fff1b8' },
          { gte: 1, lt: 1.5, label: 'drifted', color: '#f59e4c' },
          { gte: 1.5, lte: 2, label: 'drifted (≥ 1.5× threshold)', color: '#cf222e' },
        ],
      },
      series: [{ type: 'heatmap', data }],
    },
    1000,
    Math.max(220, 28 * w.features.length + 110),
  );
  const share = svg(
    {
      grid: { left: 56, right: 24, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: w.windows.map((x) => x.label) },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: 'drifted features',
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      series: [
        {
          type: 'line',
          name: 'drifted features',
          data: w.windows.map((x) => x.driftShare),
          markLine: { symbol: 'none', data: [{ yAxis: datasetThreshold, name: 'dataset threshold' }] },
        },
      ],
    },
    1000,
    220,
  );
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
    body: `${figure('Drift per feature and time window', heat)}${figure('Share of drifted features per time window', share)}<p>Share drifted per window: ${esc(
      w.windows.map((x) => `${x.label} ${pct(x.driftShare, 0)}${x.detected ? ' (dataset drift)' : ''}`).join(' · '),
    )}</p>${cells}<p class="muted">First drifted window: ${esc(firstDrift)}${w.skippedRows ? ` · ${w.skippedRows} rows without a readable time` : ''}</p>`,
  };
}
