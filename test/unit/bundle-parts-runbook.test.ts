// Runbook: five alerts, thresholds equal to the facts' numbers, "not measured" instead of invented ones,
// and an HTML page that is self-contained and escapes what it interpolates.
import { describe, expect, it } from 'vitest';
import { runbookHtml, runbookMarkdown, runbookModel } from '../../electron/core/bundles/parts/index';
import { fmtMs, fmtPct } from '../../electron/core/bundles/parts/format';
import { bareFacts, creditRiskFacts, PREVIOUS_SHA } from '../helpers/bundle-facts';

const ALERTS = [
  'ModelInputSchemaViolation',
  'FeatureDriftHigh',
  'PredictionDistributionShift',
  'LatencyOrResourceRegression',
  'IntegrityCheckFailed',
];
const VERIFY = 'preflight verify bundle.zip --key ops.pub.pem --replay';
const VALIDATE = 'preflight validate --bundle bundle.zip --data <batch>';

/** The lines of one alert section of the Markdown. */
function section(md: string, alert: string): string {
  const start = md.indexOf(`### ALERT ${alert}`);
  expect(start).toBeGreaterThan(-1);
  const end = md.indexOf('\n### ', start + 1);
  return md.slice(start, end === -1 ? md.indexOf('## 2.', start) : end);
}

describe('runbook', () => {
  const f = creditRiskFacts();
  const md = runbookMarkdown(f);

  it('has the five alerts, each with the template fields and its command', () => {
    for (const a of ALERTS) {
      const s = section(md, a);
      for (const field of [
        'Signal',
        'Threshold',
        'Severity',
        'Impact',
        'Metrics',
        'Mitigation',
        'Investigation',
        'Escalation',
        'Command',
      ])
        expect(s).toContain(`- ${field}:`);
    }
    expect(section(md, 'IntegrityCheckFailed')).toContain(`Command: \`${VERIFY}\``);
    for (const a of ALERTS.slice(0, 3)) expect(section(md, a)).toContain(`Command: \`${VALIDATE}\``);
  });

  it('states the benchmark p99, the SLO threshold and the rollback sha256 from the facts', () => {
    const lat = section(md, 'LatencyOrResourceRegression');
    for (const p of f.bench!.points) expect(lat).toContain(`p99 ${fmtMs(p.latencyMs.p99)}`);
    for (const s of f.slos) expect(lat).toContain(`p99 > ${fmtMs(s.thresholdMs)} on cpu, batch ${s.batchSize}`);
    expect(fmtMs(1.237)).toBe('1.237 ms');
    expect(md).toContain('1.9 ms');
    expect(md).toContain(PREVIOUS_SHA);
    expect(md).toContain(f.model.sha256);
  });

  it('states drift thresholds, null limits, automation rate and golden tolerance from the facts', () => {
    const drift = section(md, 'FeatureDriftHigh');
    expect(drift).toContain('income: wasserstein distance > 0.1; at export 0.142');
    expect(drift).toContain('drift report #7');
    const input = section(md, 'ModelInputSchemaViolation');
    expect(input).toContain(
      `income: null rate > ${fmtPct(f.features[1].maxNullRate)} (reference ${fmtPct(f.features[1].referenceNullRate)})`,
    );
    expect(fmtPct(f.features[1].maxNullRate)).toBe('8.8%');
    expect(section(md, 'PredictionDistributionShift')).toContain('automation rate below 87.4%');
    expect(section(md, 'IntegrityCheckFailed')).toContain('≤ 0.00001 + 0.0001 × |expected|');
    expect(md).toMatch(/opset ai\.onnx 17, ai\.onnx\.ml 3; IR 8/);
  });

  it('bare facts: says what was not measured and that there is no previous version', () => {
    const b = runbookMarkdown(bareFacts());
    expect(section(b, 'LatencyOrResourceRegression')).toContain('latency not measured: run `preflight bench bare@1');
    expect(section(b, 'FeatureDriftHigh')).toContain('drift not measured: run `preflight drift');
    expect(section(b, 'PredictionDistributionShift')).toContain(
      'no fallback policy: the model has no probability-like output',
    );
    expect(section(b, 'IntegrityCheckFailed')).toContain('no golden set');
    expect(b).toContain('no previous version of bare');
    expect(b).toContain('`<team>`');
    // Nothing measured → no millisecond figure besides the user's SLO.
    expect(b.match(/\d+(\.\d+)? ms/g)).toEqual(['50 ms', '50 ms']);
  });

  it('HTML: same content, self-contained, no script, no external resource', () => {
    const html = runbookHtml(f);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link|<img|@import|url\(/i);
    expect(html).toContain('<style>');
    expect(html).toMatch(/@media print/);
    for (const a of ALERTS) expect(html).toContain(`ALERT ${a}`);
    expect(html).toContain(PREVIOUS_SHA);
    expect(html).toContain('p99 &gt; 1.9 ms');
    const model = runbookModel(f);
    expect(model.alerts.map((a) => a.name)).toEqual(ALERTS);
  });

  it('escapes a hostile feature name in HTML and Markdown', () => {
    const g = creditRiskFacts();
    g.features[5].name = '<b>&"x';
    const html = runbookHtml(g);
    expect(html).toContain('&lt;b&gt;&amp;&quot;x');
    expect(html).not.toContain('<b>');
    const m = runbookMarkdown(g);
    expect(m).toContain('\\<b>&"x');
    expect(m).not.toMatch(/(^|[^\\])<b>/m);
  });
});
