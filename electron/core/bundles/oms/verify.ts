// Checks a model.sig against a public key. Never throws on bad input: every problem becomes
// { ok: false, reason }. Order and relaxations follow model_signing's verifier
// (sign_sigstore_pb.Verifier, sign_ec_key.Verifier._verify_bundle, signing.Verifier.verify,
// signing.dsse_payload_to_manifest): media type, key hint, DSSE signature, then the payload.
import { verify as ecdsaVerify, type KeyObject } from 'node:crypto';
import {
  BUNDLE_MEDIA_TYPE,
  LEGACY_PREDICATE_TYPE,
  type OmsResource,
  pae,
  PAYLOAD_TYPE,
  PREDICATE_TYPE,
  STATEMENT_TYPE,
} from './format';
import { curveOf, keyFingerprint, readPublicKey } from './keys';
import { canonicalName } from './names';
import { subjectDigest } from './serialize';

export { compareResources, type ResourceProblem } from './compare';

export type VerifyOutcome =
  | {
      ok: true;
      resources: OmsResource[];
      ignorePaths: string[];
      subjectName: string;
      subjectDigest: string;
      keyFingerprint: string;
    }
  | { ok: false; reason: string };

class Reject extends Error {}
const reject = (reason: string): never => {
  throw new Reject(reason);
};
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Obj => (isObj(v) ? v : reject(`${what} is missing or not an object`));
const str = (v: unknown, what: string): string =>
  typeof v === 'string' && v !== '' ? v : reject(`${what} is missing or not a string`);

// Protobuf JSON (what the reference parses with) accepts standard and URL-safe base64.
function base64(v: unknown, what: string): Buffer {
  const s = str(v, what);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) reject(`${what} is not base64`);
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function checkKey(vm: Obj, fingerprint: string): void {
  if (vm.publicKey === undefined) {
    if (vm.x509CertificateChain !== undefined || vm.certificate !== undefined)
      reject('the signature uses the certificate or Sigstore method; only the key method is supported here');
  }
  const pk = obj(vm.publicKey, 'verificationMaterial.publicKey');
  // sign_ec_key: a non-empty hint must equal ours; without one (pre-1.1 bundles carry rawBytes)
  // the reference only warns and lets the signature check decide. Spec §4.1 agrees.
  if (typeof pk.hint === 'string' && pk.hint !== '') {
    if (pk.hint.toLowerCase() !== fingerprint)
      reject(
        `signed by another key: the signature names key ${pk.hint.slice(0, 16)}…, the given public key is ${fingerprint.slice(0, 16)}…`,
      );
  } else if (typeof pk.rawBytes !== 'string') {
    reject('verificationMaterial.publicKey has neither hint nor rawBytes');
  }
}

function checkSignature(env: Obj, key: KeyObject): Buffer {
  const type = env.payloadType;
  if (type !== PAYLOAD_TYPE) reject(`DSSE payloadType is ${JSON.stringify(type)}, expected "${PAYLOAD_TYPE}"`);
  const payload = base64(env.payload, 'dsseEnvelope.payload');
  const sigs = Array.isArray(env.signatures) ? env.signatures : [];
  if (sigs.length === 0) reject('dsseEnvelope.signatures is empty');
  const message = pae(PAYLOAD_TYPE, payload);
  const { hash } = curveOf(key);
  // keyid is not looked at: spec §4.1 (absent, "" or null are all valid).
  const good = sigs.some((s, i) => {
    const sig = base64(obj(s, `signatures[${i}]`).sig, `signatures[${i}].sig`);
    try {
      return ecdsaVerify(hash, message, key, sig);
    } catch {
      return false; // not a DER ECDSA signature at all
    }
  });
  if (!good)
    reject(
      'the DSSE signature does not verify with this public key: model.sig was altered or was made with another key',
    );
  return payload;
}

function readResources(predicate: Obj): OmsResource[] {
  const list = Array.isArray(predicate.resources) ? predicate.resources : reject('predicate.resources is missing');
  if (list.length === 0) reject('predicate.resources is empty');
  const seen = new Set<string>();
  return list.map((r, i) => {
    const o = obj(r, `resources[${i}]`);
    const name = canonicalName(str(o.name, `resources[${i}].name`));
    if (o.algorithm !== 'sha256')
      reject(`resource "${name}" uses algorithm ${JSON.stringify(o.algorithm)}; only sha256 is supported`);
    const digest = str(o.digest, `digest of "${name}"`);
    if (!/^[0-9a-fA-F]{64}$/.test(digest)) reject(`digest of "${name}" is not a hex SHA-256`);
    if (seen.has(name)) reject(`"${name}" is listed twice`);
    seen.add(name);
    return { name, digest: digest.toLowerCase() };
  });
}

function readStatement(payload: Buffer) {
  let st: unknown;
  try {
    st = JSON.parse(payload.toString('utf8'));
  } catch {
    return reject('the signed payload is not JSON');
  }
  const s = obj(st, 'statement');
  if (s._type !== STATEMENT_TYPE) reject(`statement _type is ${JSON.stringify(s._type)}, expected "${STATEMENT_TYPE}"`);
  if (s.predicateType === LEGACY_PREDICATE_TYPE)
    reject(
      'the signature uses the deprecated v0.2 predicate (https://model_signing/Digests/v0.1); re-sign with a current tool',
    );
  if (s.predicateType !== PREDICATE_TYPE)
    reject(`predicateType is ${JSON.stringify(s.predicateType)}, expected "${PREDICATE_TYPE}"`);
  const subjects =
    Array.isArray(s.subject) && s.subject.length === 1 ? s.subject : reject('statement must have exactly one subject');
  const subject = obj(subjects[0], 'subject[0]');
  const subjectName = str(subject.name, 'subject[0].name');
  const digest = str(obj(subject.digest, 'subject[0].digest').sha256, 'subject[0].digest.sha256');
  const predicate = obj(s.predicate, 'predicate');
  const ser = obj(predicate.serialization, 'predicate.serialization');
  if (ser.method !== 'files')
    reject(`serialization method ${JSON.stringify(ser.method)} is not supported (only "files")`);
  if (ser.hash_type !== 'sha256') reject(`hash_type ${JSON.stringify(ser.hash_type)} is not supported (only sha256)`);
  if (typeof ser.allow_symlinks !== 'boolean') reject('serialization.allow_symlinks is missing');
  // Absent in pre-1.1 bundles (spec §11.2): no recorded exclusions beyond the defaults.
  const rawIgnores =
    ser.ignore_paths === undefined
      ? []
      : Array.isArray(ser.ignore_paths)
        ? ser.ignore_paths
        : reject('serialization.ignore_paths is not a list');
  const ignorePaths = rawIgnores.map((p) => canonicalName(str(p, 'ignore_paths entry'), 'ignore path'));
  const resources = readResources(predicate);
  // dsse_payload_to_manifest recomputes the root digest over the resources as listed.
  const computed = subjectDigest(resources);
  if (computed !== digest.toLowerCase())
    reject(`subject digest ${digest} does not match the resources listed (they hash to ${computed})`);
  return { resources, ignorePaths, subjectName, subjectDigest: computed };
}

export function verifySignatureFile(sigText: string, publicKeyPem: string): VerifyOutcome {
  try {
    const key = readPublicKey(publicKeyPem);
    const fingerprint = keyFingerprint(key);
    let parsed: unknown;
    try {
      parsed = JSON.parse(sigText);
    } catch {
      return { ok: false, reason: 'model.sig is not valid JSON' };
    }
    const bundle = obj(parsed, 'model.sig');
    if (bundle.mediaType !== BUNDLE_MEDIA_TYPE)
      reject(`bundle mediaType is ${JSON.stringify(bundle.mediaType)}, expected "${BUNDLE_MEDIA_TYPE}"`);
    checkKey(obj(bundle.verificationMaterial, 'verificationMaterial'), fingerprint);
    const payload = checkSignature(obj(bundle.dsseEnvelope, 'dsseEnvelope'), key);
    return { ok: true, ...readStatement(payload), keyFingerprint: fingerprint };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}
