import { PreflightError } from '../../../shared/contract/errors';
import { formatBytes, formatCount, formatDateTime, formatShare } from '../../../shared/format/index';
import type { BundlePreview, BundleSummary, VerifyResult } from '../../../shared/types/bundles';
import { int, list, num, parse } from '../args';
import type { Command } from '../command';
import { table } from './models';

const exportUsage = `preflight export --model M[@V] --reference DATASET --out bundle.zip [options]
preflight export --model M[@V] --reference DATASET --preview [options]   what the bundle would hold; nothing is written
preflight export --list                                                  bundles exported from this workspace, newest first
  --bench RUN | --bench none       benchmark run to ship (default: the latest run of this model version)
  --drift REPORT | --drift none    drift report to ship (default: the latest on this reference, this model's first)
  --slo "p99<=20ms"                latency objective (repeatable; default: each measured point's p99 × 1.25)
  --fallback "OUTPUT>=T"           confidence-gated fallback: the model decides at confidence ≥ T (0–1)
  --automation-rate R              …or choose T so that a share R of the reference rows is decided (0–1)
  --fallback-action TEXT           what serves requests below T (default "human review")
  --label COLUMN                   reference column with the true class: accuracy above/below T
  --golden-rows N                  reference rows recorded for replay (default 16)
  --owner-team T --owner-contact C --owner-escalation E    who ops call (the runbook's contacts)
  --sign KEY.pem                   sign with an ECDSA P-256 private key (see \`preflight keys generate\`)
  --overwrite                      replace an existing --out file
SOURCE_DATE_EPOCH=<seconds> makes the recorded time fixed: two exports of the same inputs are then
byte-identical except model.sig.`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export a deployment bundle for ops (model, contracts, SLOs, runbook, golden rows, signature)',
  usage: exportUsage,
  async run(argv, { client, out, signal }) {
    const { values, positionals } = parse(
      argv,
      {
        model: { type: 'string' },
        reference: { type: 'string' },
        bench: { type: 'string' },
        drift: { type: 'string' },
        slo: { type: 'string', multiple: true },
        fallback: { type: 'string' },
        'automation-rate': { type: 'string' },
        'fallback-action': { type: 'string' },
        label: { type: 'string' },
        'golden-rows': { type: 'string' },
        'owner-team': { type: 'string' },
        'owner-contact': { type: 'string' },
        'owner-escalation': { type: 'string' },
        out: { type: 'string' },
        sign: { type: 'string' },
        overwrite: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        preview: { type: 'boolean', default: false },
      },
      'export',
    );
    if (positionals.length)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `export: unexpected "${positionals[0]}"; see \`preflight export --help\``,
      );
    if (values.list) {
      const bundles = await client.call('bundles/list', {});
      out.result(bundles, () => listed(bundles));
      return;
    }
    if (!values.model || !values.reference || (!values.out && !values.preview))
      throw new PreflightError(
        'BAD_ARGUMENTS',
        'export: --model, --reference and --out are required (--preview instead of --out shows what would go in); see `preflight export --help`',
      );
    const plan = {
      model: values.model,
      reference: values.reference,
      bench: runRef(values.bench, 'bench'),
      drift: runRef(values.drift, 'drift'),
      slos: values.slo,
      fallback: fallbackArgs(values.fallback, values['automation-rate'], values['fallback-action'], values.label),
      goldenRows: int(values['golden-rows'], 'golden-rows', 1),
      owner:
        values['owner-team'] || values['owner-contact'] || values['owner-escalation']
          ? {
              team: values['owner-team'] ?? '',
              contact: values['owner-contact'] ?? '',
              escalation: values['owner-escalation'] ?? '',
            }
          : undefined,
    };
    if (values.preview) {
      const preview = await client.run('bundles/preview', plan, { onProgress: out.progress, signal });
      out.result(preview, () => previewed(preview));
      return;
    }
    const bundle = await client.run(
      'bundles/export',
      { ...plan, out: values.out!, signingKey: values.sign, overwrite: values.overwrite },
      { onProgress: out.progress, signal },
    );
    out.result(bundle, () => exported(bundle));
  },
};

function runRef(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  return int(value, flag, 1);
}

/** "probabilities>=0.8", ">=0.8", or "probabilities" with --automation-rate. */
function fallbackArgs(
  spec: string | undefined,
  rate: string | undefined,
  action: string | undefined,
  label: string | undefined,
) {
  if (spec === undefined && rate === undefined) {
    if (action !== undefined || label !== undefined)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        '--fallback-action and --label need --fallback "OUTPUT>=T" or --automation-rate R',
      );
    return undefined;
  }
  const m = spec === undefined ? null : /^([^>]*?)\s*(?:>=\s*([0-9.]+))?$/.exec(spec.trim());
  if (spec !== undefined && !m)
    throw new PreflightError('BAD_ARGUMENTS', `--fallback "${spec}": expected OUTPUT>=T, e.g. probabilities>=0.8`);
  const threshold = m?.[2] === undefined ? undefined : Number(m[2]);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    throw new PreflightError('BAD_ARGUMENTS', `--fallback "${spec}": the threshold is a confidence between 0 and 1`);
  const automationRate = num(rate, 'automation-rate');
  if (automationRate !== undefined && automationRate > 1)
    throw new PreflightError('BAD_ARGUMENTS', '--automation-rate: a share between 0 and 1, e.g. 0.9');
  if (threshold !== undefined && automationRate !== undefined)
    throw new PreflightError('BAD_ARGUMENTS', 'give --fallback "OUTPUT>=T" or --automation-rate R, not both');
  if (threshold === undefined && automationRate === undefined)
    throw new PreflightError(
      'BAD_ARGUMENTS',
      `--fallback "${spec}": give the threshold (OUTPUT>=T) or --automation-rate R`,
    );
  return { output: m?.[1] || undefined, threshold, automationRate, action, labelColumn: label };
}

function listed(bundles: BundleSummary[]): string {
  if (bundles.length === 0)
    return 'no bundles exported yet: preflight export --model M --reference DATASET --out bundle.zip';
  return table(
    ['ID', 'EXPORTED', 'MODEL', 'REFERENCE', 'BENCH', 'DRIFT', 'SIGNED', 'BYTES', 'PATH'],
    bundles.map((b) => [
      String(b.id),
      formatDateTime(b.createdAt),
      `${b.model.name}@${b.model.version}`,
      b.reference,
      b.benchRun === null ? '-' : String(b.benchRun),
      b.driftReport === null ? '-' : String(b.driftReport),
      b.signed ? 'yes' : 'no',
      formatBytes(b.bytes),
      b.path,
    ]),
  );
}

function previewed(p: BundlePreview): string {
  const lines = [
    `would export ${p.model.name}@${p.model.version} (sha256 ${p.model.sha256.slice(0, 16)}…)${p.previous ? `; rolls back to ${p.previous.name}@${p.previous.version}` : ''}`,
    `  reference ${p.reference.dataset} (${formatCount(p.reference.rows)} rows), benchmark ${p.bench ? `run ${p.bench.runId}` : 'none'}, drift report ${p.drift ? `${p.drift.reportId} (current ${p.drift.current})` : 'none'}`,
    `  SLOs: ${p.slos.length ? p.slos.map((x) => `${x.text} (${x.ep}, batch ${x.batchSize}, concurrency ${x.concurrency}${x.measuredMs === null ? '' : `; measured ${x.measuredMs} ms`})`).join('; ') : 'none'}`,
    `  feature rules: ${p.features.length} (${p.features.filter((f) => f.kind !== 'none').length} with a drift test)`,
    p.fallback.policy
      ? `  fallback: ${p.fallback.policy.output} confidence ≥ ${p.fallback.policy.threshold} decides ${formatShare(p.fallback.policy.measured.automationRate)} of the reference rows; below it: ${p.fallback.policy.fallback}`
      : `  fallback: none (${p.fallback.reason})`,
    ...p.warnings.map((w) => `  warning: ${w}`),
  ];
  return lines.join('\n');
}

function exported(b: BundleSummary): string {
  return [
    `bundle #${b.id} written: ${b.path}`,
    `  model ${b.model.name}@${b.model.version} (sha256 ${b.model.sha256.slice(0, 16)}…), reference ${b.reference}, benchmark ${b.benchRun ?? 'none'}, drift report ${b.driftReport ?? 'none'}`,
    `  ${b.bytes} bytes, sha256 ${b.sha256}`,
    b.signed
      ? `  signed (OMS, ECDSA P-256), key ${b.keyFingerprint}`
      : '  unsigned: ops cannot establish where it came from (sign with --sign KEY.pem)',
    `  took ${b.exportSeconds.toFixed(2)} s; ops verify it with: preflight verify ${b.path} --key PUBLIC.pem --replay`,
  ].join('\n');
}

const verifyUsage = `preflight verify BUNDLE.zip [--key PUBLIC.pem] [--replay]
preflight verify DIR --signature model.sig --key PUBLIC.pem [--ignore-paths a,b]   (an OMS-signed model folder)
  --key PUBLIC.pem   the signer's public key (PEM); without it the signature is not checked and nothing is trusted
  --replay           run the golden rows through the model and compare with the recorded outputs
exit 0 every check holds, 1 a check failed, 2 bad usage or an unreadable/unsafe file`;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a bundle (digests, signature, schemas, load, replay) or an OMS-signed model folder',
  usage: verifyUsage,
  async run(argv, { client, out, signal }) {
    const { values, positionals } = parse(
      argv,
      {
        key: { type: 'string' },
        replay: { type: 'boolean', default: false },
        signature: { type: 'string' },
        'ignore-paths': { type: 'string' },
      },
      'verify',
    );
    if (positionals.length !== 1)
      throw new PreflightError(
        'BAD_ARGUMENTS',
        'verify: give one bundle .zip or model folder; see `preflight verify --help`',
      );
    const result = await client.run(
      'bundles/verify',
      {
        path: positionals[0],
        key: values.key,
        replay: values.replay,
        signature: values.signature,
        ignorePaths: list(values['ignore-paths']),
      },
      { onProgress: out.progress, signal },
    );
    out.result(result, () => verified(result));
    if (!result.ok) return 1;
  },
};

function verified(r: VerifyResult): string {
  const rows = r.checks.map((c) => [c.skipped ? 'SKIP' : c.ok ? 'ok' : 'FAIL', c.check, c.file ?? '—', c.message]);
  const failed = r.checks.filter((c) => !c.ok && !c.skipped).length;
  const verdict = !r.ok
    ? `VERIFICATION FAILED: ${failed} check(s) failed — do not deploy this ${r.kind === 'bundle' ? 'bundle' : 'model'}`
    : r.trusted
      ? `verified and trusted: signed by key ${r.signer?.keyFingerprint}`
      : 'verified, NOT trusted: the signature was not checked (give --key PUBLIC.pem)';
  return [table(['RESULT', 'CHECK', 'FILE', 'DETAIL'], rows), `${verdict} (${r.seconds.toFixed(2)} s)`].join('\n');
}

export const keysCommand: Command = {
  name: 'keys',
  summary: 'generate a signing key pair for bundles',
  usage:
    'preflight keys generate --out DIR [--name NAME]   writes DIR/NAME.key.pem (mode 0600) and DIR/NAME.pub.pem (default NAME preflight-signing)',
  async run(argv, { client, out }) {
    const [verb, ...rest] = argv;
    if (verb !== 'generate')
      throw new PreflightError('BAD_ARGUMENTS', 'keys: the only verb is `generate`; see `preflight keys --help`');
    const { values, positionals } = parse(rest, { out: { type: 'string' }, name: { type: 'string' } }, 'keys generate');
    if (positionals.length || !values.out)
      throw new PreflightError('BAD_ARGUMENTS', 'keys generate: --out DIR is required');
    const k = await client.call('keys/generate', { dir: values.out, name: values.name });
    out.result(k, () =>
      [
        `private key: ${k.privateKeyPath} (mode 0600 — keep it secret, never put it in a bundle)`,
        `public key:  ${k.publicKeyPath} (give this to ops)`,
        `fingerprint: ${k.fingerprint}`,
      ].join('\n'),
    );
  },
};
