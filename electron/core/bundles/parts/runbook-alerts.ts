// The five alert entries of BUNDLES.md. Every threshold is read from the facts; absent measurements say
// "not measured" and name the command that would measure them, never a made-up number.
import type { BundleFacts } from '../../../../shared/types/bundles';
import { fmtBytes, fmtMs, fmtNum, fmtPct } from './format';
import { code, type AlertEntry, type Text } from './runbook-model';
import { bundleModelPath } from './util';

export const VERIFY_CMD = 'preflight verify bundle.zip --key ops.pub.pem --replay';
export const VALIDATE_CMD = 'preflight validate --bundle bundle.zip --data <batch>';

const modelRef = (f: BundleFacts): string => `${f.model.name}@${f.model.version}`;
const driftCmd = (f: BundleFacts, extra = ''): string =>
  `preflight drift --reference ${f.reference.dataset} --current <batch>${extra}`;

function inputContract(f: BundleFacts): AlertEntry {
  const threshold: Text[] = [
    ['any request rejected by ', code('contracts/payload.schema.json'), ' (names, dtypes, shapes are exact)'],
  ];
  for (const r of f.features) {
    const parts = [`${r.name}: null rate > ${fmtPct(r.maxNullRate)} (reference ${fmtPct(r.referenceNullRate)})`];
    if (r.maxOutOfRangeShare !== null && r.min !== null && r.max !== null)
      parts.push(`outside [${fmtNum(r.min)}, ${fmtNum(r.max)}] > ${fmtPct(r.maxOutOfRangeShare)}`);
    if (r.maxUnseenShare !== null)
      parts.push(
        `unseen categories > ${fmtPct(r.maxUnseenShare)}${r.categories === null ? ' (reference categories truncated: an upper bound)' : ''}`,
      );
    threshold.push([parts.join('; ')]);
  }
  return {
    name: 'ModelInputSchemaViolation',
    mode: '1. Input contract break / training–serving skew',
    signal: [
      ['payload schema rejections'],
      ['per-feature null rate, unseen-category share, out-of-range share of each batch'],
    ],
    threshold,
    severity: ['page if a batch breaks a null-rate limit or requests are rejected for 10 min; ticket otherwise'],
    impact: ['rejected or defaulted predictions for the affected callers'],
    metrics: ['rejected requests by rule; per-feature rates reported by ', code(VALIDATE_CMD)],
    mitigation: [
      ['confirm an upstream deploy or schema change'],
      ['roll back upstream or pin the previous feature version'],
      ['do NOT relax the contract without model-owner sign-off'],
    ],
    investigation: ['sample rejected payloads (redacted); diff against ', code(`contracts/${f.stem}.odcs.yaml`)],
    escalation: ['data owner (contract team) after 30 min; model owner if the change is intended'],
    command: VALIDATE_CMD,
  };
}

function featureDrift(f: BundleFacts): AlertEntry {
  const threshold: Text[] = [[`dataset drift when the share of drifted features ≥ ${fmtNum(f.datasetDriftShare)}`]];
  for (const r of f.features) {
    if (!r.drift) {
      threshold.push([`${r.name}: no drift test (column not compared)`]);
      continue;
    }
    const rule =
      r.drift.scoreKind === 'p_value'
        ? `p-value < ${fmtNum(r.drift.threshold)}`
        : `distance > ${fmtNum(r.drift.threshold)}`;
    threshold.push([
      `${r.name}: ${r.drift.test} ${rule}` + (r.driftScore === null ? '' : `; at export ${fmtNum(r.driftScore)}`),
    ]);
  }
  const d = f.drift;
  threshold.push(
    d
      ? [
          `drift report #${d.reportId} (${d.current}, ${d.createdAt}): ${fmtPct(d.share)} of features drifted, ${d.detected ? 'dataset drift DETECTED at export' : 'no dataset drift at export'}`,
        ]
      : ['drift not measured: run ', code(driftCmd(f, ' --mode profile'))],
  );
  return {
    name: 'FeatureDriftHigh',
    mode: '2. Feature drift against the shipped reference profile',
    signal: [['per-feature drift scores of a production window against ', code('reference/profile.json')]],
    threshold,
    severity: ['page when dataset drift is detected on a 24 h window; ticket for single features'],
    impact: ['predictions degrade silently; feature drift precedes prediction drift by days or weeks'],
    metrics: ['drifted features and their scores from ', code(VALIDATE_CMD)],
    mitigation: [
      ['check for upstream pipeline changes first (units, encodings, defaults)'],
      ['if the world changed: ask the model owner for retraining; keep serving with the fallback policy'],
    ],
    investigation: ["compare the drifted features' histograms with ", code(driftCmd(f))],
    escalation: ['model owner within one business day; data owner if a pipeline changed'],
    command: VALIDATE_CMD,
  };
}

function predictionShift(f: BundleFacts): AlertEntry {
  const threshold: Text[] = [];
  const scores = f.drift?.predictionScores ?? [];
  for (const p of scores)
    threshold.push([
      `${p.name}: ${p.test} threshold ${fmtNum(p.threshold)}; at export ${p.score === null ? 'no score' : fmtNum(p.score)}`,
    ]);
  if (scores.length === 0)
    threshold.push(['prediction drift not measured: run ', code(driftCmd(f, ` --model ${modelRef(f)}`))]);
  const fb = f.fallback;
  if (fb.policy) {
    const m = fb.policy.measured;
    threshold.push([
      `fallback automation rate below ${fmtPct(m.automationRate)} (measured on ${m.rows} reference rows at confidence ≥ ${fmtNum(fb.policy.threshold)})` +
        (m.accuracyAbove === null ? '' : `; accuracy above the threshold ${fmtPct(m.accuracyAbove)}`),
    ]);
  } else threshold.push([`no fallback policy: ${fb.reason}`]);
  threshold.push([`model age: registered ${f.model.addedAt}; maximum staleness: `, code('<set by the model owner>')]);
  return {
    name: 'PredictionDistributionShift',
    mode: '3. Prediction drift, quality regression, staleness',
    signal: [
      ['output score distribution / class mix against the reference'],
      ['share of requests served by the fallback'],
      ['model age and delayed-label quality'],
    ],
    threshold,
    severity: ["ticket; page if the automation rate halves or delayed-label quality falls below the owner's floor"],
    impact: [
      'more requests fall back to ' +
        (fb.policy ? fb.policy.fallback : 'manual handling') +
        '; wrong automated decisions',
    ],
    metrics: ['output drift scores and automation rate from ', code(VALIDATE_CMD)],
    mitigation: [
      ['check feature drift (FeatureDriftHigh) first: outputs usually follow inputs'],
      ['if quality fell: roll back to the previous version (section 0)'],
    ],
    investigation: ['compare the output histograms; check the label pipeline for delays'],
    escalation: ['model owner'],
    command: VALIDATE_CMD,
  };
}

function latency(f: BundleFacts): AlertEntry {
  const threshold: Text[] = [];
  for (const s of f.slos) {
    threshold.push([
      `${s.percentile} > ${fmtMs(s.thresholdMs)} on ${s.ep}, batch ${s.batchSize}, concurrency ${s.concurrency}` +
        (s.measuredMs === null
          ? ' (not measured)'
          : ` (benchmarked ${fmtMs(s.measuredMs)}, ${s.met ? 'met' : 'NOT met'} at export)`),
    ]);
  }
  const b = f.bench;
  if (b) {
    for (const p of b.points) {
      threshold.push([
        `measured ${p.ep} b${p.batchSize} c${p.concurrency} (${p.iterations} iterations): p50 ${fmtMs(p.latencyMs.p50)}, p99 ${fmtMs(p.latencyMs.p99)}, ${fmtNum(p.throughput)}/s` +
          (p.peakRssBytes === null ? '' : `, peak RSS ${fmtBytes(p.peakRssBytes)}`),
      ]);
    }
    const eps = [...new Set(b.points.map((p) => p.ep))];
    threshold.push([
      `benchmarked execution providers: ${eps.join(', ')} on ${b.environment.cpuModel}${b.environment.gpuAdapter ? ` / ${b.environment.gpuAdapter}` : ''}`,
    ]);
  } else threshold.push(['latency not measured: run ', code(`preflight bench ${modelRef(f)} --batch 1,8`)]);
  if (f.slos.length === 0) threshold.push(['no latency SLO in this bundle']);
  const s0 = f.slos[0];
  const cmd =
    `preflight bench ${bundleModelPath(f.model.files.find((x) => x.role === 'model')?.relativePath ?? 'model.onnx')}` +
    (s0 ? ` --ep ${s0.ep} --batch ${s0.batchSize} --concurrency ${s0.concurrency} --slo "${s0.text}"` : '');
  return {
    name: 'LatencyOrResourceRegression',
    mode: '4. Latency or resource regression',
    signal: [
      ['p99 latency against the SLO'],
      ['resident memory against the benchmarked peak'],
      ['execution provider actually used (a GPU provider silently replaced by CPU)'],
    ],
    threshold,
    severity: ['page if the SLO is breached for 10 min; ticket for memory growth'],
    impact: ['timeouts and queueing for callers'],
    metrics: ['latency percentiles per host; RSS; provider reported by the runtime at session start'],
    mitigation: [
      ['check the execution provider and the host (driver, CPU contention)'],
      ['scale out or reduce batch size; roll back if a new version regressed'],
    ],
    investigation: ['re-measure on the serving host with the command below and compare with ', code('slo.json')],
    escalation: ['platform on-call; model owner if the model version changed'],
    command: cmd,
  };
}

function integrity(f: BundleFacts): AlertEntry {
  const m = f.model.metadata;
  const opsets = m.opsetImports.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ');
  const threshold: Text[] = [['any digest or signature mismatch: never serve']];
  threshold.push(
    f.golden
      ? [
          `golden replay of ${f.golden.rows} rows outside |actual − expected| ≤ ${fmtNum(f.golden.tolerance.atol)} + ${fmtNum(f.golden.tolerance.rtol)} × |expected|`,
        ]
      : ['no golden set in this bundle: start-up replay not possible; re-export with golden rows'],
  );
  threshold.push(['any NaN or Inf in outputs']);
  threshold.push([
    `runtime other than onnxruntime ${f.versions.onnxruntime} (exported with) or opsets other than ${opsets} (IR ${m.irVersion})`,
  ]);
  return {
    name: 'IntegrityCheckFailed',
    mode: '5. Integrity and runtime faults',
    signal: [
      ['digest / signature check at load'],
      ['golden-input replay at start-up'],
      ['NaN/Inf outputs; runtime or opset mismatch after an upgrade'],
    ],
    threshold,
    severity: ['page security on a digest or signature mismatch; page platform on replay failure'],
    impact: ['the model may not be the one that was reviewed, or computes different numbers'],
    metrics: ['verify checks (zip, manifest, digest, signature, schema, load, opset, replay)'],
    mitigation: [
      ['stop serving this bundle; keep or restore the previous one (section 0)'],
      ['re-obtain the bundle from the source and verify again'],
    ],
    investigation: ['which check failed and on which file: ', code(VERIFY_CMD)],
    escalation: ['security on-call for signature/digest; platform on-call for runtime faults'],
    command: VERIFY_CMD,
  };
}

export function alertEntries(f: BundleFacts): AlertEntry[] {
  return [inputContract(f), featureDrift(f), predictionShift(f), latency(f), integrity(f)];
}
