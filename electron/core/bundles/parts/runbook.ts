// runbook.md and runbook.html: service facts, the five alert entries, standard procedures.
import type { BundleFacts } from '../../../../shared/types/bundles';
import { fmtMs, fmtNum } from './format';
import { alertEntries, VERIFY_CMD } from './runbook-alerts';
import { code, type Runbook, type Text } from './runbook-model';
import { renderHtml, renderMarkdown } from './runbook-render';
import { bundleModelPath, orPlaceholder } from './util';

/** Blank owner fields show as code-span placeholders, plainly something to fill in. */
const owner = (v: string, placeholder: string): Text =>
  orPlaceholder(v, placeholder) === placeholder ? [code(placeholder)] : [v];

function serviceFacts(f: BundleFacts): Text[] {
  const m = f.model;
  const main = m.files.find((x) => x.role === 'model');
  const opsets = m.metadata.opsetImports.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ');
  const out: Text[] = [
    [
      'Owner / on-call / escalation: ',
      ...owner(f.owner.team, '<team>'),
      ', ',
      ...owner(f.owner.contact, '<contact>'),
      ', ',
      ...owner(f.owner.escalation, '<escalation>'),
    ],
    [
      'Data contract: ',
      code(`contracts/${f.stem}.odcs.yaml`),
      '; quality suite: ',
      code(`contracts/${f.stem}.expectations.json`),
    ],
    ['Input payload contract: ', code('contracts/payload.schema.json'), ' (JSON Schema 2020-12)'],
    [
      'Model: ',
      code(bundleModelPath(main?.relativePath ?? 'model.onnx')),
      ` (opset ${opsets}; IR ${m.metadata.irVersion}), sha256 `,
      code(m.sha256),
    ],
    [
      `Reference data: ${f.reference.dataset}, ${f.reference.rows} rows; profile `,
      code('reference/profile.json'),
      ' sha256 ',
      code(f.reference.profileSha256),
    ],
  ];
  if (f.slos.length === 0)
    out.push([
      'SLOs: none in this bundle' + (f.bench ? '' : '; latency not measured: run '),
      ...(f.bench ? [] : [code(`preflight bench ${m.name}@${m.version}`)]),
    ]);
  for (const s of f.slos) {
    out.push([
      'SLO ',
      code(s.text),
      `: ${s.percentile} ≤ ${fmtMs(s.thresholdMs)} on ${s.ep}, batch ${s.batchSize}, concurrency ${s.concurrency}; ` +
        (s.measuredMs === null ? 'not measured (given by the user)' : `benchmarked ${fmtMs(s.measuredMs)}`),
    ]);
  }
  if (f.bench) {
    const e = f.bench.environment;
    out.push([
      `Benchmarked (run #${f.bench.runId}, ${f.bench.startedAt}) on ${e.cpuModel}, ${e.cores} cores${e.gpuAdapter ? `, ${e.gpuAdapter}` : ''}, ${e.os}, onnxruntime ${e.ortVersion}; points in `,
      code('slo.json'),
    ]);
  }
  if (!f.bench && f.slos.length > 0)
    out.push(['Latency not measured: run ', code(`preflight bench ${m.name}@${m.version}`), ' to check the SLOs']);
  out.push(['Availability, max staleness: ', code('<set by the model owner>')]);
  out.push(
    f.previous
      ? [
          'Rollback target: ',
          code(`${f.previous.name}@${f.previous.version}`),
          ' sha256 ',
          code(f.previous.sha256),
          '; verify its bundle, then swap and restart',
        ]
      : [
          `Rollback target: no previous version of ${m.name} is registered; rolling back means taking the model out of service` +
            (f.fallback.policy ? ` and serving the fallback (${f.fallback.policy.fallback})` : ''),
        ],
  );
  out.push([
    `Exported by Preflight ${f.versions.preflight} with onnxruntime ${f.versions.onnxruntime} at ${f.createdAt}`,
  ]);
  return out;
}

function procedures(f: BundleFacts): Text[] {
  return [
    ['Verify the bundle (digests, signature, schemas, load, golden replay): ', code(VERIFY_CMD)],
    [
      'Check a production batch against the contracts and the reference profile: ',
      code('preflight validate --bundle bundle.zip --data <batch>'),
    ],
    f.golden
      ? [
          'Warm-up and smoke test: replay ',
          code('golden/'),
          ` (${f.golden.rows} rows, rtol ${fmtNum(f.golden.tolerance.rtol)}, atol ${fmtNum(f.golden.tolerance.atol)}) with `,
          code(VERIFY_CMD),
        ]
      : ['Warm-up and smoke test: no golden rows in this bundle; send one known request by hand'],
    ['Roll back / roll forward: swap to the verified bundle named in section 0, restart, run the verify command again'],
    ['Collect evidence for the postmortem: alert timeline, validate output, bundle sha256, host and runtime versions'],
  ];
}

export function runbookModel(f: BundleFacts): Runbook {
  return {
    title: `Runbook: ${f.model.name} v${f.model.version}`,
    subtitle: [
      'Model sha256 ',
      { code: f.model.sha256 },
      '; bundle digest: see ',
      { code: 'manifest.json' },
      ' and ',
      { code: 'model.sig' },
    ],
    readiness: (f.readiness ?? []).map((i) => [`${i.state.toUpperCase()} — ${i.title}: ${i.detail}`]),
    facts: serviceFacts(f),
    alerts: alertEntries(f),
    procedures: procedures(f),
  };
}

export function runbookMarkdown(f: BundleFacts): string {
  return renderMarkdown(runbookModel(f));
}

export function runbookHtml(f: BundleFacts): string {
  return renderHtml(runbookModel(f));
}
