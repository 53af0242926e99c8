// OMS model.sig round trip and the verifier's refusals: every tampering is caught and named, and
// bad input never throws.
import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../electron/core/bundles/oms/keys';
import { hashFolder } from '../../electron/core/bundles/oms/serialize';
import { signResources } from '../../electron/core/bundles/oms/sign';
import { compareResources, verifySignatureFile } from '../../electron/core/bundles/oms/verify';

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const TYPE = 'application/vnd.in-toto+json';
const kp = generateKeyPair();
let dir: string;

/** A bundle signed here, by hand, over any statement: to test the checks that follow the signature. */
function handSigned(statement: unknown, key: KeyObject, publicPem: string, hash = 'sha256', material?: object): string {
  const body = Buffer.from(JSON.stringify(statement));
  const message = Buffer.concat([Buffer.from(`DSSEv1 ${TYPE.length} ${TYPE} ${body.length} `), body]);
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: material ?? { publicKey: { hint: sha(publicPem) }, tlogEntries: [] },
    dsseEnvelope: {
      payload: body.toString('base64'),
      payloadType: TYPE,
      signatures: [{ sig: sign(hash, message, key).toString('base64'), keyid: '' }],
    },
  });
}
const statementOf = (sig: string) => JSON.parse(Buffer.from(JSON.parse(sig).dsseEnvelope.payload, 'base64').toString());

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oms-sv-'));
  fs.mkdirSync(path.join(dir, 'onnx'));
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), Buffer.alloc(3000, 7));
  fs.writeFileSync(path.join(dir, 'config.json'), '{"a":1}');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not signed');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function signDir(): Promise<string> {
  const sig = signResources(await hashFolder(dir, ['notes.txt']), {
    modelName: 'my-model',
    ignorePaths: ['notes.txt'],
    privateKeyPem: kp.privateKeyPem,
  });
  fs.writeFileSync(path.join(dir, 'model.sig'), sig);
  return sig;
}
async function problems(sig: string) {
  const v = verifySignatureFile(sig, kp.publicKeyPem);
  if (!v.ok) throw new Error(v.reason);
  return compareResources(v.resources, await hashFolder(dir, v.ignorePaths));
}

describe('sign → verify', () => {
  it('round trip: the signature holds, records what it covers, and the folder matches', async () => {
    const sig = await signDir();
    const v = verifySignatureFile(sig, kp.publicKeyPem);
    expect(v).toMatchObject({ ok: true, subjectName: 'my-model', keyFingerprint: kp.fingerprint });
    if (!v.ok) return;
    expect(v.resources).toEqual([
      { name: 'config.json', digest: sha('{"a":1}') },
      { name: 'onnx/model.onnx', digest: sha(Buffer.alloc(3000, 7)) },
    ]);
    expect(v.ignorePaths).toContain('notes.txt');
    expect(v.ignorePaths).toContain('model.sig');
    expect(v.subjectDigest).toBe(sha(Buffer.concat(v.resources.map((r) => Buffer.from(r.digest, 'hex')))));
    expect(await problems(sig)).toEqual([]);
  });

  it('is deterministic apart from the ECDSA signature', async () => {
    const a = JSON.parse(await signDir());
    const b = JSON.parse(await signDir());
    expect(b.dsseEnvelope.payload).toBe(a.dsseEnvelope.payload);
    expect(b.dsseEnvelope.signatures[0].sig).not.toBe(a.dsseEnvelope.signatures[0].sig);
    b.dsseEnvelope.signatures[0].sig = a.dsseEnvelope.signatures[0].sig;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('names a changed, a missing and an unsigned file', async () => {
    const sig = await signDir();
    const onnx = path.join(dir, 'onnx', 'model.onnx');
    const bytes = fs.readFileSync(onnx);
    bytes[1500] ^= 1;
    fs.writeFileSync(onnx, bytes);
    fs.rmSync(path.join(dir, 'config.json'));
    fs.writeFileSync(path.join(dir, 'extra.bin'), 'x');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed, but ignored');
    const found = await problems(sig);
    expect(found.map((p) => p.file)).toEqual(['config.json', 'extra.bin', 'onnx/model.onnx']);
    expect(found[0].message).toMatch(/missing/);
    expect(found[1].message).toMatch(/not in the signature/);
    expect(found[2].message).toMatch(/content changed/);
  });

  it('catches a flipped byte in the payload and in the signature', async () => {
    const bundle = JSON.parse(await signDir());
    const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
    const at = payload.indexOf(sha('{"a":1}'));
    payload[at] = payload[at] === 0x30 ? 0x31 : 0x30;
    const badPayload = structuredClone(bundle);
    badPayload.dsseEnvelope.payload = payload.toString('base64');
    expect(verifySignatureFile(JSON.stringify(badPayload), kp.publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify/),
    });
    for (const pos of [-1, 4, 0]) {
      const sigBytes = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
      sigBytes[(pos + sigBytes.length) % sigBytes.length] ^= 0x01;
      const badSig = structuredClone(bundle);
      badSig.dsseEnvelope.signatures[0].sig = sigBytes.toString('base64');
      expect(verifySignatureFile(JSON.stringify(badSig), kp.publicKeyPem)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/does not verify/),
      });
    }
  });

  it('refuses another key, by hint and by signature', async () => {
    const sig = await signDir();
    const other = generateKeyPair();
    expect(verifySignatureFile(sig, other.publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signed by another key/),
    });
    const noHint = JSON.parse(sig);
    noHint.verificationMaterial.publicKey = { rawBytes: Buffer.from(other.publicKeyPem).toString('base64') };
    expect(verifySignatureFile(JSON.stringify(noHint), other.publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify/),
    });
    expect(verifySignatureFile(sig, kp.privateKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/private key was given/),
    });
  });

  it('verifies a P-384/SHA-384 signature and refuses to sign with P-384', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const pub = p384.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const statement = statementOf(await signDir());
    const sig384 = handSigned(statement, p384.privateKey, pub, 'sha384');
    expect(verifySignatureFile(sig384, pub)).toMatchObject({ ok: true, keyFingerprint: sha(pub) });
    // A P-384 key with SHA-256 is not the registry's pairing.
    expect(verifySignatureFile(handSigned(statement, p384.privateKey, pub, 'sha256'), pub)).toMatchObject({
      ok: false,
    });
    const priv384 = p384.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() =>
      signResources([{ name: 'a', digest: sha('a') }], { modelName: 'm', ignorePaths: [], privateKeyPem: priv384 }),
    ).toThrow(/signs with ECDSA P-256/);
    expect(() =>
      signResources([{ name: 'a', digest: sha('a') }], {
        modelName: 'm',
        ignorePaths: ['*.tmp'],
        privateKeyPem: kp.privateKeyPem,
      }),
    ).toThrow(/glob character/);
    expect(() =>
      signResources([{ name: 'a', digest: sha('a') }], {
        modelName: ' ',
        ignorePaths: [],
        privateKeyPem: kp.privateKeyPem,
      }),
    ).toThrow(/model name/);
  });

  it('accepts pre-1.1 bundles: rawBytes instead of hint, keyid null, no ignore_paths, no tlogEntries', async () => {
    const statement = statementOf(await signDir());
    delete statement.predicate.serialization.ignore_paths;
    const material = {
      publicKey: { rawBytes: Buffer.from(kp.publicKeyPem).toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256' },
    };
    const legacy = JSON.parse(
      handSigned(
        statement,
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
        kp.publicKeyPem,
        'sha256',
        material,
      ),
    );
    expect(verifySignatureFile(JSON.stringify(legacy), kp.publicKeyPem)).toMatchObject({ ok: false }); // another key signed it
    const good = JSON.parse(
      handSigned(statement, createPrivateKey(kp.privateKeyPem), kp.publicKeyPem, 'sha256', material),
    );
    good.dsseEnvelope.signatures[0].keyid = null;
    expect(verifySignatureFile(JSON.stringify(good), kp.publicKeyPem)).toMatchObject({ ok: true, ignorePaths: [] });
  });
});
