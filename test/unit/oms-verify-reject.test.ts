// The OMS verifier parses defensively: malformed, foreign or inconsistent signature files give
// { ok: false, reason } naming the problem, never an exception.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../electron/core/bundles/oms/keys';
import { signResources } from '../../electron/core/bundles/oms/sign';
import { verifySignatureFile } from '../../electron/core/bundles/oms/verify';

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const TYPE = 'application/vnd.in-toto+json';
const kp = generateKeyPair();
const good = signResources(
  [
    { name: 'a.bin', digest: sha('a') },
    { name: 'b/c.bin', digest: sha('c') },
  ],
  { modelName: 'm', ignorePaths: [], privateKeyPem: kp.privateKeyPem },
);
const statement = () => JSON.parse(Buffer.from(JSON.parse(good).dsseEnvelope.payload, 'base64').toString());

/** Re-signs a modified statement with the right key, so only the content checks can object. */
function resigned(edit: (s: any) => void): string {
  const s = statement();
  edit(s);
  const body = Buffer.from(JSON.stringify(s));
  const sig = sign(
    'sha256',
    Buffer.concat([Buffer.from(`DSSEv1 ${TYPE.length} ${TYPE} ${body.length} `), body]),
    createPrivateKey(kp.privateKeyPem),
  );
  const bundle = JSON.parse(good);
  bundle.dsseEnvelope.payload = body.toString('base64');
  bundle.dsseEnvelope.signatures = [{ sig: sig.toString('base64') }];
  return JSON.stringify(bundle);
}
function bundleWith(edit: (b: any) => void): string {
  const b = JSON.parse(good);
  edit(b);
  return JSON.stringify(b);
}
const reason = (text: string) => {
  const v = verifySignatureFile(text, kp.publicKeyPem);
  expect(v.ok).toBe(false);
  return v.ok ? '' : v.reason;
};

describe('verifySignatureFile refusals', () => {
  it('the untouched file verifies (so each refusal below is caused by its edit)', () => {
    expect(verifySignatureFile(good, kp.publicKeyPem).ok).toBe(true);
    expect(
      verifySignatureFile(
        resigned(() => {}),
        kp.publicKeyPem,
      ).ok,
    ).toBe(true);
  });

  it('malformed containers', () => {
    expect(reason('')).toMatch(/not valid JSON/);
    expect(reason('{"mediaType": ')).toMatch(/not valid JSON/);
    expect(reason('null')).toMatch(/model.sig is missing or not an object/);
    expect(reason('[]')).toMatch(/not an object/);
    expect(reason('{}')).toMatch(/mediaType/);
    expect(reason(bundleWith((b) => (b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1')))).toMatch(
      /mediaType/,
    );
    expect(reason(bundleWith((b) => delete b.verificationMaterial))).toMatch(/verificationMaterial is missing/);
    expect(
      reason(bundleWith((b) => (b.verificationMaterial = { x509CertificateChain: { certificates: [] } }))),
    ).toMatch(/certificate or Sigstore method/);
    expect(reason(bundleWith((b) => (b.verificationMaterial.publicKey = {})))).toMatch(/neither hint nor rawBytes/);
    expect(reason(bundleWith((b) => delete b.dsseEnvelope))).toMatch(/dsseEnvelope is missing/);
    expect(reason(bundleWith((b) => (b.dsseEnvelope.payloadType = 'application/json')))).toMatch(/payloadType/);
    expect(reason(bundleWith((b) => (b.dsseEnvelope.payload = '%%%')))).toMatch(/payload is not base64/);
    expect(reason(bundleWith((b) => (b.dsseEnvelope.signatures = [])))).toMatch(/signatures is empty/);
    expect(reason(bundleWith((b) => (b.dsseEnvelope.signatures = [{ sig: 7 }])))).toMatch(/sig is missing/);
    expect(reason(bundleWith((b) => (b.dsseEnvelope.signatures[0].sig = 'AAAA')))).toMatch(/does not verify/);
  });

  it('validly signed statements with the wrong content', () => {
    expect(reason(resigned((s) => (s._type = 'https://in-toto.io/Statement/v0.1')))).toMatch(/_type/);
    expect(reason(resigned((s) => (s.predicateType = 'https://slsa.dev/provenance/v1')))).toMatch(/predicateType/);
    expect(reason(resigned((s) => (s.predicateType = 'https://model_signing/Digests/v0.1')))).toMatch(
      /deprecated v0.2/,
    );
    expect(reason(resigned((s) => s.subject.push(s.subject[0])))).toMatch(/exactly one subject/);
    expect(reason(resigned((s) => (s.subject[0].name = '')))).toMatch(/subject\[0\].name/);
    expect(reason(resigned((s) => (s.subject[0].digest = { sha512: 'ab' })))).toMatch(/digest.sha256/);
    expect(reason(resigned((s) => (s.subject[0].digest.sha256 = sha('other'))))).toMatch(
      /subject digest .* does not match the resources/,
    );
    expect(reason(resigned((s) => s.predicate.resources.reverse()))).toMatch(/does not match the resources/);
    expect(reason(resigned((s) => (s.predicate.resources[0].digest = sha('x'))))).toMatch(
      /does not match the resources/,
    );
    expect(reason(resigned((s) => delete s.predicate.resources))).toMatch(/resources is missing/);
    expect(reason(resigned((s) => (s.predicate.resources = [])))).toMatch(/resources is empty/);
    expect(reason(resigned((s) => (s.predicate.resources[0].name = '../etc/passwd')))).toMatch(
      /leaves the model folder/,
    );
    expect(reason(resigned((s) => (s.predicate.resources[1].name = './a.bin')))).toMatch(/listed twice/);
    expect(reason(resigned((s) => (s.predicate.resources[0].algorithm = 'blake2b')))).toMatch(/only sha256/);
    expect(reason(resigned((s) => (s.predicate.serialization.method = 'shards')))).toMatch(/"shards" is not supported/);
    expect(reason(resigned((s) => (s.predicate.serialization.hash_type = 'blake3')))).toMatch(/hash_type/);
    expect(reason(resigned((s) => delete s.predicate.serialization))).toMatch(/serialization is missing/);
    expect(reason(resigned((s) => (s.predicate.serialization.ignore_paths = '.git')))).toMatch(
      /ignore_paths is not a list/,
    );
  });

  it('never throws, whatever it is given', () => {
    const inputs = [
      '{',
      '1',
      '"x"',
      'true',
      '{"mediaType":null}',
      good.slice(0, 100),
      good.replace(/"hint":"[0-9a-f]+"/, '"hint":5'),
      good.replace(/"payload":"/, '"payload":"!'),
    ];
    for (const text of inputs) expect(() => verifySignatureFile(text, kp.publicKeyPem)).not.toThrow();
    for (const key of ['', 'garbage', kp.privateKeyPem]) expect(verifySignatureFile(good, key).ok).toBe(false);
    expect(verifySignatureFile(undefined as unknown as string, kp.publicKeyPem).ok).toBe(false);
  });
});
