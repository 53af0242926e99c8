// The key.bundle.json test vector, made by the reference model_signing tool (P-384 key), against
// this module: key hint, root digest, parsing, full signature verification, and folder hashing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyFingerprint } from '../../electron/core/bundles/oms/keys';
import { hashFolder, sortResources, subjectDigest } from '../../electron/core/bundles/oms/serialize';
import { signResources } from '../../electron/core/bundles/oms/sign';
import { compareResources, verifySignatureFile } from '../../electron/core/bundles/oms/verify';

// Copy of shared/specs/oms/key.bundle.json (OMS spec test vector, Apache-2.0).
const VECTOR = fs.readFileSync(path.join(__dirname, '../fixtures/oms/key.bundle.json'), 'utf8');
// The signer's public key (P-384). Not shipped with the vector: it is the publicKey.rawBytes of
// sigstore/model-transparency scripts/tests/v1.0.1-elliptic-key/model.sig, a pre-1.1 bundle made
// with the same scripts/tests/keys/certificate/signing-key.pem; its SHA-256 is the vector's hint.
const REFERENCE_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEsu6rZGBTjxtvRWPMixT+3HyndV0J0Ybt
aHZUcO4DEK+OJHO/4e32bb/fbJKSpRgcBsIpKLcVijUomyFOERbd7u+BTPSUjGZD
Qq6J7lTvp/EAXQGOKxW9RP0MGX3qAkvi
-----END PUBLIC KEY-----
`;
const bundle = JSON.parse(VECTOR);
const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
const listed = statement.predicate.resources.map((r: { name: string; digest: string }) => ({
  name: r.name,
  digest: r.digest,
}));

describe('key.bundle.json (reference model_signing output)', () => {
  it('our key fingerprint is the hint the reference wrote', () => {
    expect(bundle.verificationMaterial.publicKey.hint).toBe(
      'e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e',
    );
    expect(keyFingerprint(REFERENCE_PUBLIC_KEY)).toBe(bundle.verificationMaterial.publicKey.hint);
  });

  it('our root digest over its resources reproduces its subject digest, and our order is its order', () => {
    expect(subjectDigest(listed)).toBe(statement.subject[0].digest.sha256);
    expect(sortResources(listed)).toEqual(listed);
  });

  it('verifies fully with the reference public key', () => {
    const v = verifySignatureFile(VECTOR, REFERENCE_PUBLIC_KEY);
    expect(v).toEqual({
      ok: true,
      resources: listed,
      ignorePaths: ['.gitattributes', '.github', 'ignore-me', '.gitignore', '.git'],
      subjectName: 'model',
      subjectDigest: '92745110b1ab4368471cbe31664e10174e954b113a3df333db860317b2c6dec4',
      keyFingerprint: bundle.verificationMaterial.publicKey.hint,
    });
  });

  it('is refused when a payload byte changes or another key is given', () => {
    const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
    payload[payload.indexOf('signme-2')] = 'S'.charCodeAt(0);
    const tampered = JSON.stringify({
      ...bundle,
      dsseEnvelope: { ...bundle.dsseEnvelope, payload: payload.toString('base64') },
    });
    expect(verifySignatureFile(tampered, REFERENCE_PUBLIC_KEY)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not verify/),
    });
    expect(verifySignatureFile(VECTOR, generateKeyPair().publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/another key/),
    });
  });

  it('hashFolder over the reference test model gives the same resources; re-signing gives the same subject', async () => {
    // The model of the reference's tests (populate_tmpdir and scripts/tests/*): the digests in the
    // vector are those of these exact bytes.
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oms-vec-')), 'model');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'signme-1'), 'signme-1\n');
    fs.writeFileSync(path.join(dir, 'signme-2'), 'signme-2');
    fs.writeFileSync(path.join(dir, 'ignore-me'), 'ignore me');
    fs.writeFileSync(path.join(dir, '.gitignore'), '.foo');
    try {
      const actual = await hashFolder(dir, ['ignore-me']);
      expect(actual).toEqual(listed);
      expect(compareResources(listed, actual)).toEqual([]);
      const ours = JSON.parse(
        signResources(actual, {
          modelName: path.basename(dir),
          ignorePaths: ['ignore-me'],
          privateKeyPem: generateKeyPair().privateKeyPem,
        }),
      );
      const ourStatement = JSON.parse(Buffer.from(ours.dsseEnvelope.payload, 'base64').toString());
      expect(ourStatement.subject).toEqual(statement.subject);
      expect(ourStatement.predicate.resources).toEqual(
        statement.predicate.resources.map((r: object) => expect.objectContaining(r)),
      );
      expect(createHash('sha256').update('signme-2').digest('hex')).toBe(listed[1].digest);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
