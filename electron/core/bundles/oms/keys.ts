// ECDSA keys for OMS `key` signing. Preflight signs with P-256/SHA-256 only; verification also
// takes P-384/SHA-384 and P-521/SHA-512, the curve→hash pairing of
// model_signing/_signing/sign_ec_key.py get_ec_key_hash (the OMS algorithm registry lists the curves).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PreflightError } from '../../../../shared/contract/errors';

export type OmsCurve = 'P-256' | 'P-384' | 'P-521';

const CURVES: Record<string, { curve: OmsCurve; hash: 'sha256' | 'sha384' | 'sha512' }> = {
  prime256v1: { curve: 'P-256', hash: 'sha256' },
  secp384r1: { curve: 'P-384', hash: 'sha384' },
  secp521r1: { curve: 'P-521', hash: 'sha512' },
};

const WRONG_TYPE = 'OMS key signing uses ECDSA P-256 or P-384 (P-521 is accepted when verifying)';

function bad(what: string, message: string): PreflightError {
  return new PreflightError('INVALID_INPUT', `${what}: ${message}`);
}

function pemLabel(pem: string, what: string): string {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem);
  if (!m) throw bad(what, 'not a PEM file (expected a "-----BEGIN ... -----" block)');
  return m[1];
}

function checkEc(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ec')
    throw bad(what, `${key.asymmetricKeyType?.toUpperCase() ?? 'unknown'} key; ${WRONG_TYPE}`);
  const named = key.asymmetricKeyDetails?.namedCurve ?? '';
  if (!CURVES[named]) throw bad(what, `EC curve ${named || 'unknown'}; ${WRONG_TYPE}`);
}

/** Curve and signature hash of an accepted EC key. */
export function curveOf(key: KeyObject): { curve: OmsCurve; hash: 'sha256' | 'sha384' | 'sha512' } {
  const c = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
  if (!c) throw bad('key', WRONG_TYPE);
  return c;
}

/** A PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM, unencrypted. */
export function readPrivateKey(pem: string): KeyObject {
  const what = 'private key';
  const label = pemLabel(pem, what);
  if (label === 'PUBLIC KEY') throw bad(what, 'this is a public key; signing needs the private key');
  if (label === 'CERTIFICATE') throw bad(what, 'this is an X.509 certificate; signing needs the private key');
  if (label === 'ENCRYPTED PRIVATE KEY') throw bad(what, 'the key is encrypted; give an unencrypted PKCS#8 PEM');
  if (label === 'RSA PRIVATE KEY' || label === 'OPENSSH PRIVATE KEY')
    throw bad(what, `${label} is not supported; ${WRONG_TYPE}`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw bad(what, `unreadable PEM (${(e as Error).message})`);
  }
  checkEc(key, what);
  return key;
}

/** An SPKI ("PUBLIC KEY") PEM. Private keys and certificates are refused, not silently converted. */
export function readPublicKey(pem: string): KeyObject {
  const what = 'public key';
  const label = pemLabel(pem, what);
  if (pem.includes('PRIVATE KEY-----'))
    throw bad(what, 'a private key was given where the public key is expected; share only the .pub.pem');
  if (label === 'CERTIFICATE')
    throw bad(what, 'an X.509 certificate was given; extract its key with `openssl x509 -pubkey -noout`');
  if (label !== 'PUBLIC KEY') throw bad(what, `unexpected PEM block "${label}"; expected "PUBLIC KEY" (SPKI)`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw bad(what, `unreadable PEM (${(e as Error).message})`);
  }
  checkEc(key, what);
  return key;
}

/**
 * The value model_signing writes to verificationMaterial.publicKey.hint and compares on verify:
 * hashlib.sha256(public_bytes(Encoding.PEM, SubjectPublicKeyInfo)).hexdigest() — the SHA-256 of
 * the SPKI *PEM text* (sign_ec_key.py Signer._get_verification_material), not of the DER.
 * OpenSSL's PEM writer (behind both Python's cryptography and Node) gives identical text: 64-column
 * lines and a final newline; test/unit/oms-vector.test.ts checks this on the reference key.
 */
export function keyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? readPublicKey(publicKey) : publicKey;
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const pem = pub.export({ type: 'spki', format: 'pem' }).toString();
  return createHash('sha256').update(pem, 'utf8').digest('hex');
}

export function generateKeyPair(): { privateKeyPem: string; publicKeyPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}
