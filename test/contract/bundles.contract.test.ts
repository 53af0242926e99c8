// Deployment bundles through every host: signing keys, the export (reviewed first where the host has
// a review), verification with the signer's key and a golden replay, a production batch validated
// against the bundle alone, the shipped reference profile, produced files; refusals with their codes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { readZipEntries } from '../helpers/zip';
import { describeThroughEveryHost, lacksForm, type Host, type Intent } from './hosts';
import { addDataset, addModel, driftRun, FEATURES, useFiles } from './fixtures';

const files = useFiles();
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const plan = { model: 'risk', reference: 'training', fallback: { threshold: 0.8 } };
const exportTo = (out: string, key: string): Intent => ({
  method: 'bundles/export',
  args: { ...plan, out, signingKey: key },
  job: true,
  cli: [
    'export',
    '--model',
    'risk',
    '--reference',
    'training',
    '--fallback',
    'probabilities>=0.8',
    '--out',
    out,
    '--sign',
    key,
  ],
});
const verify = (bundle: string, key: string): Intent => ({
  method: 'bundles/verify',
  args: { path: bundle, key, replay: true },
  job: true,
  cli: ['verify', bundle, '--key', key, '--replay'],
});
const validate = (bundle: string, data: string): Intent => ({
  method: 'bundles/validate',
  args: { bundle, data },
  job: true,
  cli: ['validate', '--bundle', bundle, '--data', data],
});
const NO_REVIEW = /the CLI exports in one step/;
const ALWAYS_WRITES = /the CLI writes every file where --out says/;

describeThroughEveryHost(
  'bundles',
  (current) => {
    let host: Host;
    let dir: string;
    let keys: { privateKeyPath: string; publicKeyPath: string; fingerprint: string };
    let bundle: string;
    beforeAll(() => {
      host = current();
      dir = path.join(files.dir, host.name.replace(/\W+/g, '-'));
      bundle = path.join(dir, 'risk.zip');
    });

    it('generates a key pair, reviews the export, writes it signed and lists it', async () => {
      const generated = await host.perform({
        method: 'keys/generate',
        args: { dir },
        job: false,
        cli: ['keys', 'generate', '--out', dir],
      });
      keys = generated.result;
      expect(keys).toMatchObject({ curve: 'P-256', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(fs.statSync(keys.privateKeyPath).mode & 0o777).toBe(0o600);

      const preview = await host.perform({
        method: 'bundles/preview',
        args: plan,
        job: true,
        cli: { none: 'the CLI exports in one step; `preflight verify` lists what the bundle holds' },
      });
      if (!lacksForm(preview, NO_REVIEW)) {
        expect(preview.result).toMatchObject({
          model: { name: 'risk', version: 1 },
          reference: { dataset: 'training' },
        });
        expect(preview.result.features.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(FEATURES));
        expect(preview.result.fallback).toMatchObject({ policy: { threshold: 0.8 } });
        expect(fs.existsSync(bundle)).toBe(false); // a review writes nothing
      }

      const exported = await host.perform(exportTo(bundle, keys.privateKeyPath));
      expect(exported.error).toBeUndefined();
      expect(exported.result).toMatchObject({
        model: { name: 'risk', version: 1 },
        reference: 'training',
        signed: true,
        keyFingerprint: keys.fingerprint,
        path: bundle,
        sha256: sha256(bundle),
        bytes: fs.statSync(bundle).size,
      });
      const listed = await host.perform({
        method: 'bundles/list',
        args: {},
        job: false,
        cli: {
          none: 'the CLI exports in one step and prints the summary the list would show (`preflight export --json`)',
        },
      });
      if (!lacksForm(listed, NO_REVIEW)) expect(listed.result).toEqual([exported.result]);
    });

    it('ops verify the bundle with the public key and a golden replay', async () => {
      const out = await host.perform(verify(bundle, keys.publicKeyPath));
      expect(out.result).toMatchObject({
        kind: 'bundle',
        ok: true,
        trusted: true,
        signer: { keyFingerprint: keys.fingerprint },
      });
      expect(out.result.checks.find((c: { check: string }) => c.check === 'replay')).toMatchObject({ ok: true });
      if (out.exit !== undefined) expect(out.exit).toBe(0);
    });

    it('validates batches against the bundle alone: the training rows honour it, production breaks it (exit 1)', async () => {
      const own = await host.perform(validate(bundle, files.training));
      expect(own.result).toMatchObject({ ok: true, broken: 0, data: { rows: 300 } });
      const prod = await host.perform(validate(bundle, 'production'));
      expect(prod.result).toMatchObject({ ok: false, data: { name: 'production', rows: 300 } });
      const broken = prod.result.checks.filter((c: { ok: boolean }) => !c.ok);
      expect(prod.result.broken).toBe(broken.length);
      expect(broken.map((c: { feature: string | null }) => c.feature)).toContain('utilization');
      if (prod.exit !== undefined) expect(prod.exit).toBe(1);
    });

    it("compares production with the bundle's shipped reference profile, without the training data", async () => {
      const json = (await readZipEntries(bundle)).get('reference/profile.json')!.toString('utf8');
      const imported = await host.perform({
        method: 'drift/profile-import',
        args: { name: 'shipped', json },
        job: false,
        cli: { none: 'the CLI reads the profile a bundle ships itself, in `preflight validate --bundle B`' },
      });
      if (lacksForm(imported, /preflight validate --bundle B/)) return;
      expect(imported.result).toMatchObject({ dataset: 'shipped', rows: 300 });
      const out = await host.perform(
        driftRun(
          { reference: 'shipped', mode: 'profile', columns: FEATURES, model: undefined, mapping: undefined },
          [],
        ),
      );
      // The report names the profile as the user imported it, and says which dataset it was made from.
      expect(out.result).toMatchObject({ mode: 'profile', reference: { name: 'shipped', rows: 300 } });
      expect(out.result.findings).toContainEqual(
        expect.stringMatching(/^reference profile shipped: the profile of training, built /),
      );
      expect(out.result.features.find((f: { name: string }) => f.name === 'utilization').drifted).toBe(true);
    });

    it('without --out, the bundle becomes a produced file that files/info describes', async () => {
      const exported = await host.perform({
        method: 'bundles/export',
        args: plan,
        job: true,
        cli: { none: 'the CLI writes every file where --out says: it has no produced files' },
      });
      if (lacksForm(exported, ALWAYS_WRITES)) return;
      const info = await host.perform({
        method: 'files/info',
        args: { id: exported.result.fileId },
        job: false,
        cli: { none: 'the CLI writes every file where --out says: it has no produced files' },
      });
      expect(info.result).toMatchObject({
        id: exported.result.fileId,
        kind: 'bundle',
        name: expect.stringMatching(/^risk-1.*\.zip$/),
        bytes: exported.result.bytes,
        sha256: exported.result.sha256,
      });
      expect(sha256(info.result.path)).toBe(exported.result.sha256);
    });

    it.each([
      [() => exportTo(bundle, keys.privateKeyPath), 'BAD_ARGUMENTS', /exists/],
      [
        () => ({
          ...exportTo(path.join(dir, 'x.zip'), keys.privateKeyPath),
          args: { ...plan, model: 'nope', out: path.join(dir, 'x.zip') },
          cli: ['export', '--model', 'nope', '--reference', 'training', '--out', path.join(dir, 'x.zip')],
        }),
        'NOT_FOUND',
        /nope/,
      ],
      [() => verify(files.training, keys.publicKeyPath), 'INVALID_INPUT', /zip/],
    ] as [() => Intent, string, RegExp][])('refuses %#: the error and its code', async (intent, code, message) => {
      const out = await host.perform(intent());
      expect(out.error).toMatchObject({ code, message: expect.stringMatching(message) });
    });
  },
  // A drift run saves the model's column mapping (the export scores reference rows with it) and is shipped.
  [
    addModel(files.model, 'risk'),
    addDataset(files.training, 'training'),
    addDataset(files.production, 'production'),
    driftRun(),
  ],
);
