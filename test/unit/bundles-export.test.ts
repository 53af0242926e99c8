// Deployment bundles end to end on the demo workspace: export (signed, reproducible), verify with a
// key and golden replay, every part against the public schemas in ../shared/specs, tampering named
// file by file, wrong keys and unsigned bundles.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest, GoldenSet, VerifyResult } from '../../shared/types/bundles';
import { useInProcessCore } from '../helpers/core';
import { tempDir } from '../helpers/workspace';
import { entryDataRanges, readZipEntries } from '../helpers/zip';

const SPECS = path.resolve(__dirname, '..', '..', '..', 'shared', 'specs');
const ws = useInProcessCore();
const out = tempDir('preflight-bundles-');
let keys: { privateKeyPath: string; publicKeyPath: string; fingerprint: string };
let signed: string;

const entries = readZipEntries;
const verify = (args: { path: string; key?: string; replay?: boolean }) => ws.client().run('bundles/verify', args);
const failed = (r: VerifyResult) => r.checks.filter((c) => !c.ok && !c.skipped);

beforeAll(async () => {
  const client = ws.client();
  await client.run('demo/create', { benchmark: true });
  keys = await client.call('keys/generate', { dir: path.join(out.dir, 'keys') });
  signed = path.join(out.dir, 'signed.zip');
  await client.run('bundles/export', {
    model: 'demo-credit-risk',
    reference: 'demo-training',
    out: signed,
    signingKey: keys.privateKeyPath,
    fallback: { threshold: 0.8, action: 'manual review' },
  });
}, 120_000);

describe('export', () => {
  it('writes every part of the layout, and the manifest lists each with its digest', async () => {
    const files = await entries(signed);
    const names = [...files.keys()];
    for (const expected of [
      'model/model.onnx',
      'contracts/payload.schema.json',
      'contracts/demo-credit-risk.odcs.yaml',
      'contracts/demo-credit-risk.expectations.json',
      'contracts/features.json',
      'reference/profile.json',
      'reference/predictions.json',
      'slo.json',
      'golden/golden.json',
      'policy/fallback.json',
      'runbook.md',
      'runbook.html',
      'MLmodel',
      'bom.cdx.json',
      'manifest.json',
      'model.sig',
    ])
      expect(names).toContain(expected);
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as BundleManifest;
    const listed = manifest.files.map((f) => f.path).sort();
    expect(listed).toEqual(names.filter((n) => n !== 'manifest.json' && n !== 'model.sig').sort());
    const model = await ws.client().call('models/show', { ref: 'demo-credit-risk' });
    expect(manifest.sources.model.sha256).toBe(model.sha256);
    expect(
      files
        .get('model/model.onnx')!
        .equals(
          fs.readFileSync(
            path.join(ws.dir, 'blobs', 'sha256', fs.readdirSync(path.join(ws.dir, 'blobs', 'sha256'))[0], 'model.onnx'),
          ),
        ),
    ).toBe(true);
  });

  it('SLOs come from the measured percentiles and the fallback policy from the reference rows', async () => {
    const files = await entries(signed);
    const slo = JSON.parse(files.get('slo.json')!.toString());
    const run = await ws.client().call('bench/show', { runId: 1 });
    for (const s of slo.slos) {
      const point = run.results.find((r) => r.batchSize === s.batchSize && r.ep === s.ep)!;
      expect(s.measuredMs).toBe(point.latencyMs!.p99);
      // roundUp rounds to 2 significant digits, up, with 1e-9 of slack for the product's last bit.
      expect(s.thresholdMs).toBeGreaterThanOrEqual(point.latencyMs!.p99 * 1.25 * (1 - 1e-9));
      expect(s.thresholdMs).toBeLessThanOrEqual(point.latencyMs!.p99 * 1.25 * 1.1);
    }
    const policy = JSON.parse(files.get('policy/fallback.json')!.toString()).policy;
    expect(policy).toMatchObject({
      output: 'probabilities',
      confidence: 'max-class-probability',
      threshold: 0.8,
      fallback: 'manual review',
    });
    // The measured rate is the share of sampled reference rows whose top probability is ≥ 0.8.
    const counts: number[] = policy.histogram.counts;
    const fromHistogram = counts.slice(16).reduce((a, b) => a + b, 0) / counts.reduce((a, b) => a + b, 0);
    expect(policy.measured.automationRate).toBeCloseTo(fromHistogram, 10);
    const runbook = files.get('runbook.md')!.toString();
    expect(runbook).toContain('manual review');
  });

  it('every part validates against its public schema (ODCS 3.1.0, CycloneDX 1.6, OMS, JSON Schema 2020-12)', async () => {
    const files = await entries(signed);
    const odcs = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).compile(
      JSON.parse(fs.readFileSync(path.join(SPECS, 'odcs', 'odcs-json-schema-v3.1.0.json'), 'utf8')),
    );
    expect(
      odcs(yaml.load(files.get('contracts/demo-credit-risk.odcs.yaml')!.toString())),
      JSON.stringify(odcs.errors),
    ).toBe(true);

    const cdx = new Ajv({ strict: false, validateFormats: false });
    cdx.addSchema(JSON.parse(fs.readFileSync(path.join(SPECS, 'cyclonedx', 'spdx.schema.json'), 'utf8')));
    cdx.addSchema(JSON.parse(fs.readFileSync(path.join(SPECS, 'cyclonedx', 'jsf-0.82.schema.json'), 'utf8')));
    const bom = cdx.compile(JSON.parse(fs.readFileSync(path.join(SPECS, 'cyclonedx', 'bom-1.6.schema.json'), 'utf8')));
    const bomDoc = JSON.parse(files.get('bom.cdx.json')!.toString());
    expect(bom(bomDoc), JSON.stringify(bom.errors)).toBe(true);
    // The BOM lists the other files by their real hashes.
    const hashed = new Map<string, string>(
      bomDoc.components
        .filter((c: { type: string }) => c.type === 'file')
        .map((c: { name: string; hashes: { content: string }[] }) => [c.name, c.hashes[0].content]),
    );
    expect(hashed.get('slo.json')).toBe(
      JSON.parse(files.get('manifest.json')!.toString()).files.find((f: { path: string }) => f.path === 'slo.json')
        .sha256,
    );

    const oms = new Ajv2020({ strict: false, validateFormats: false });
    for (const f of ['envelope', 'statement', 'predicate'])
      oms.addSchema(JSON.parse(fs.readFileSync(path.join(SPECS, 'oms', `${f}.schema.json`), 'utf8')));
    const sigSchema = oms.compile(JSON.parse(fs.readFileSync(path.join(SPECS, 'oms', 'bundle.schema.json'), 'utf8')));
    const sig = JSON.parse(files.get('model.sig')!.toString());
    expect(sigSchema(sig), JSON.stringify(sigSchema.errors)).toBe(true);
    const statement = JSON.parse(Buffer.from(sig.dsseEnvelope.payload, 'base64').toString());
    expect(statement.predicate.serialization.ignore_paths).toContain('model.sig');
    expect(statement.predicate.resources.map((r: { name: string }) => r.name)).toContain('manifest.json');

    // The payload schema accepts a request made of the golden inputs, and refuses a wrong width.
    const payload = new Ajv2020({ strict: false, validateFormats: false }).compile(
      JSON.parse(files.get('contracts/payload.schema.json')!.toString()),
    );
    const golden = JSON.parse(files.get('golden/golden.json')!.toString()) as GoldenSet;
    const rows = (t: GoldenSet['inputs'][string]) =>
      Array.from({ length: t.shape[0] }, (_, i) => t.values.slice(i * t.shape[1], (i + 1) * t.shape[1]));
    const request = { inputs: { features: rows(golden.inputs.features) } };
    expect(payload(request), JSON.stringify(payload.errors)).toBe(true);
    expect(payload({ inputs: { features: [[1, 2, 3]] } })).toBe(false);
    expect(
      payload({ outputs: { probabilities: rows(golden.outputs.probabilities) } }),
      JSON.stringify(payload.errors),
    ).toBe(true);
  });

  it('is reproducible with SOURCE_DATE_EPOCH: every entry but model.sig is byte-identical', async () => {
    const previous = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1767225600';
    try {
      const a = path.join(out.dir, 'repro-a.zip');
      const b = path.join(out.dir, 'repro-b.zip');
      for (const p of [a, b])
        await ws.client().run('bundles/export', {
          model: 'demo-credit-risk',
          reference: 'demo-training',
          out: p,
          signingKey: keys.privateKeyPath,
        });
      const [ea, eb] = [await entries(a), await entries(b)];
      expect([...ea.keys()]).toEqual([...eb.keys()]);
      for (const [name, data] of ea) if (name !== 'model.sig') expect(data.equals(eb.get(name)!), name).toBe(true);
      expect(JSON.parse(ea.get('manifest.json')!.toString()).createdAt).toBe('2026-01-01T00:00:00.000Z');
    } finally {
      if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = previous;
    }
  }, 60_000);

  it('is recorded in the workspace with what went in', async () => {
    const list = await ws.client().call('bundles/list', {});
    const first = list.find((b) => b.path === signed)!;
    expect(first).toMatchObject({
      model: { name: 'demo-credit-risk', version: 1 },
      reference: 'demo-training',
      benchRun: 1,
      driftReport: 1,
      signed: true,
      keyFingerprint: keys.fingerprint,
    });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to overwrite, a .zip-less name, a missing folder and an unknown model, writing nothing', async () => {
    const client = ws.client();
    await expect(
      client.run('bundles/export', { model: 'demo-credit-risk', reference: 'demo-training', out: signed }),
    ).rejects.toThrow(/already exists/);
    await expect(
      client.run('bundles/export', {
        model: 'demo-credit-risk',
        reference: 'demo-training',
        out: path.join(out.dir, 'b.tar'),
      }),
    ).rejects.toThrow(/\.zip/);
    await expect(
      client.run('bundles/export', {
        model: 'demo-credit-risk',
        reference: 'demo-training',
        out: path.join(out.dir, 'no', 'b.zip'),
      }),
    ).rejects.toThrow(/does not exist/);
    await expect(
      client.run('bundles/export', { model: 'nope', reference: 'demo-training', out: path.join(out.dir, 'c.zip') }),
    ).rejects.toThrow(/no model nope/);
    expect(fs.existsSync(path.join(out.dir, 'c.zip'))).toBe(false);
  });

  it('a cancelled export leaves no file and no partial file at --out', async () => {
    const dest = path.join(out.dir, 'cancelled.zip');
    const controller = new AbortController();
    const run = ws
      .client()
      .run(
        'bundles/export',
        { model: 'demo-credit-risk', reference: 'demo-training', out: dest },
        { signal: controller.signal, onStarted: () => controller.abort() },
      );
    await expect(run).rejects.toThrow(/cancel/i);
    expect(fs.readdirSync(out.dir).filter((n) => n.includes('cancelled'))).toEqual([]);
  });
});

describe('verify', () => {
  it('a signed bundle verifies with its key and replays its golden rows: every check holds, and it is trusted', async () => {
    const r = await verify({ path: signed, key: keys.publicKeyPath, replay: true });
    expect(failed(r)).toEqual([]);
    expect(r).toMatchObject({ ok: true, trusted: true, signer: { keyFingerprint: keys.fingerprint } });
    const kinds = new Set(r.checks.map((c) => c.check));
    for (const k of ['zip', 'manifest', 'digest', 'signature', 'schema', 'load', 'opset', 'replay'])
      expect(kinds).toContain(k);
    expect(r.checks.find((c) => c.check === 'replay')!.message).toMatch(/16 golden rows/);
  }, 60_000);

  it('without a key the signature is not checked and nothing is claimed', async () => {
    const r = await verify({ path: signed });
    expect(r.ok).toBe(true);
    expect(r.trusted).toBe(false);
    expect(r.checks.find((c) => c.check === 'signature')).toMatchObject({
      skipped: true,
      message: expect.stringMatching(/not checked/),
    });
  });

  it('another key fails the signature; an unsigned bundle verified with a key fails', async () => {
    const other = await ws.client().call('keys/generate', { dir: path.join(out.dir, 'other-keys') });
    const wrong = await verify({ path: signed, key: other.publicKeyPath });
    expect(wrong.ok).toBe(false);
    expect(failed(wrong).map((c) => c.check)).toEqual(['signature']);
    const unsigned = path.join(out.dir, 'unsigned.zip');
    await ws.client().run('bundles/export', { model: 'demo-credit-risk', reference: 'demo-training', out: unsigned });
    const r = await verify({ path: unsigned, key: keys.publicKeyPath });
    expect(r.ok).toBe(false);
    expect(failed(r)[0]).toMatchObject({
      check: 'signature',
      file: 'model.sig',
      message: expect.stringMatching(/unsigned/),
    });
  }, 60_000);

  it('a flipped byte in any entry fails verification and names that file', async () => {
    const ranges = await entryDataRanges(signed);
    expect(ranges.length).toBeGreaterThan(10);
    for (const r of ranges) {
      const bytes = fs.readFileSync(signed);
      bytes[r.start + Math.floor(r.length / 2)] ^= 0x01;
      const tampered = path.join(out.dir, 'tampered.zip');
      fs.writeFileSync(tampered, bytes);
      const result = await verify({ path: tampered, key: keys.publicKeyPath });
      expect(result.ok, r.name).toBe(false);
      expect(
        failed(result).map((c) => c.file),
        r.name,
      ).toContain(r.name);
    }
  }, 120_000);

  it('a file added to the bundle after export is named', async () => {
    const { rawZip } = await import('../helpers/zip');
    const files = await entries(signed);
    files.set('extra/notes.txt', Buffer.from('added later'));
    const added = path.join(out.dir, 'added.zip');
    fs.writeFileSync(added, rawZip([...files].map(([name, data]) => ({ name, data, deflate: true }))));
    const r = await verify({ path: added, key: keys.publicKeyPath });
    expect(r.ok).toBe(false);
    expect(failed(r).map((c) => c.file)).toContain('extra/notes.txt');
  });
});
