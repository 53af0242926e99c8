// OMS keys: P-256 generation, the model_signing key hint, and readable refusals of unusable keys.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PreflightError } from '../../shared/contract/errors';
import { generateKeyPair, keyFingerprint, readPrivateKey, readPublicKey } from '../../electron/core/bundles/oms/keys';

const pem = (k: { export(o: object): string | Buffer }, type: string) => k.export({ type, format: 'pem' }).toString();

function refusal(fn: () => unknown): PreflightError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PreflightError);
    expect((e as PreflightError).code).toBe('INVALID_INPUT');
    return e as PreflightError;
  }
  throw new Error('expected a refusal');
}

describe('generateKeyPair', () => {
  it('makes a P-256 PKCS#8/SPKI pair whose fingerprint is the SHA-256 of the public PEM text', () => {
    const kp = generateKeyPair();
    expect(kp.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(kp.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(readPublicKey(kp.publicKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(kp.fingerprint).toBe(createHash('sha256').update(kp.publicKeyPem).digest('hex'));
    // Not the DER digest: model_signing hashes the PEM.
    const der = createPublicKey(kp.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(kp.fingerprint).not.toBe(createHash('sha256').update(der).digest('hex'));
    expect(keyFingerprint(kp.publicKeyPem)).toBe(kp.fingerprint);
    expect(keyFingerprint(readPrivateKey(kp.privateKeyPem))).toBe(kp.fingerprint);
    expect(generateKeyPair().fingerprint).not.toBe(kp.fingerprint);
  });
});

describe('readPublicKey / readPrivateKey', () => {
  const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve });

  it('accepts P-256 and P-384 public keys, and SEC1 private keys', () => {
    expect(readPublicKey(pem(ec('P-384').publicKey, 'spki')).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    const sec1 = pem(ec('P-256').privateKey, 'sec1');
    expect(sec1).toContain('BEGIN EC PRIVATE KEY');
    expect(readPrivateKey(sec1).type).toBe('private');
  });

  it('says what is wrong with each unusable key', () => {
    expect(refusal(() => readPublicKey('hello')).message).toMatch(/not a PEM/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(refusal(() => readPublicKey(pem(rsa.publicKey, 'spki'))).message).toMatch(
      /RSA key; OMS key signing uses ECDSA P-256 or P-384/,
    );
    expect(refusal(() => readPrivateKey(pem(rsa.privateKey, 'pkcs8'))).message).toMatch(
      /RSA key; OMS key signing uses ECDSA P-256 or P-384/,
    );
    const ed = generateKeyPairSync('ed25519');
    expect(refusal(() => readPublicKey(pem(ed.publicKey, 'spki'))).message).toMatch(/ED25519 key/);
    expect(refusal(() => readPublicKey(pem(ec('secp256k1').publicKey, 'spki'))).message).toMatch(/curve secp256k1/);
    const p256 = ec('P-256');
    expect(refusal(() => readPublicKey(pem(p256.privateKey, 'pkcs8'))).message).toMatch(
      /private key was given where the public key is expected/,
    );
    expect(refusal(() => readPrivateKey(pem(p256.publicKey, 'spki'))).message).toMatch(
      /public key; signing needs the private key/,
    );
    const encrypted = p256.privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' })
      .toString();
    expect(refusal(() => readPrivateKey(encrypted)).message).toMatch(/encrypted/);
    const broken = pem(p256.publicKey, 'spki').replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect(refusal(() => readPublicKey(broken)).message).toMatch(/public key: unreadable PEM/);
  });
});
