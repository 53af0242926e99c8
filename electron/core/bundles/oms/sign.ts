// Produces model.sig: Sigstore bundle → DSSE envelope → in-toto Statement v1 carrying the OMS
// predicate, `key` method. Layout and values follow model_signing's sign_ec_key.Signer.sign and
// signing.Payload so that `model_signing verify key` accepts the file.
import { sign as ecdsaSign } from 'node:crypto';
import { PreflightError } from '../../../../shared/contract/errors';
import { BUNDLE_MEDIA_TYPE, type OmsResource, pae, PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE } from './format';
import { curveOf, keyFingerprint, readPrivateKey } from './keys';
import { effectiveIgnorePaths, refuseGlobs } from './names';
import { sortResources, subjectDigest } from './serialize';

export interface SignOptions {
  /** subject[0].name: the basename of the model folder (file.Serializer uses model_path.name). */
  modelName: string;
  /** Relative to the model folder; DEFAULT_IGNORE_PATHS are added, as hashFolder applies them. */
  ignorePaths: readonly string[];
  privateKeyPem: string;
}

/** The in-toto statement, with keys in a fixed order so the payload bytes are reproducible. */
export function buildStatement(resources: readonly OmsResource[], modelName: string, ignorePaths: readonly string[]) {
  const sorted = sortResources(resources);
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: modelName, digest: { sha256: subjectDigest(sorted) } }],
    predicateType: PREDICATE_TYPE,
    predicate: {
      resources: sorted.map((r) => ({ name: r.name, digest: r.digest, algorithm: 'sha256' })),
      // No shard_size: spec §5.2.2 says it MUST be absent for "files".
      serialization: {
        method: 'files',
        hash_type: 'sha256',
        allow_symlinks: false,
        ignore_paths: effectiveIgnorePaths(ignorePaths),
      },
    },
  };
}

/** Returns the model.sig text. Only the ECDSA signature (randomised k) differs between two calls. */
export function signResources(resources: readonly OmsResource[], opts: SignOptions): string {
  const modelName = typeof opts.modelName === 'string' ? opts.modelName.trim() : '';
  if (!modelName) throw new PreflightError('INVALID_INPUT', 'model name (the statement subject) is empty');
  const ignorePaths = opts.ignorePaths ?? [];
  refuseGlobs(ignorePaths);
  const key = readPrivateKey(opts.privateKeyPem);
  if (curveOf(key).curve !== 'P-256') {
    throw new PreflightError(
      'INVALID_INPUT',
      `private key: Preflight signs with ECDSA P-256; this key is ${curveOf(key).curve}`,
    );
  }
  // Two-space indentation like the reference's protobuf MessageToJson; any bytes would verify,
  // this just keeps `base64 -d` output readable.
  const payload = Buffer.from(JSON.stringify(buildStatement(resources, modelName, ignorePaths), null, 2), 'utf8');
  // DER-encoded ECDSA (Node's default dsaEncoding), base64 — what cryptography's sign() returns.
  const sig = ecdsaSign('sha256', pae(PAYLOAD_TYPE, payload), key);
  const bundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: keyFingerprint(key) }, tlogEntries: [] as never[] },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig: sig.toString('base64'), keyid: '' }],
    },
  };
  // Compact, like Signature.write (bundle.to_json()).
  return JSON.stringify(bundle);
}
