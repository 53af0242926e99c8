// The fixed strings of an OMS v1.0 `key` signature and the DSSE pre-authentication encoding.
// Values are the ones sigstore/model-transparency writes and checks (src/model_signing/_signing/
// signing.py and sign_sigstore_pb.py), not only the ones the spec names, because ops verify our
// model.sig with that tool.

/** sign_sigstore_pb._BUNDLE_MEDIA_TYPE; its verifier rejects any other value. */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** signing._IN_TOTO_JSON_PAYLOAD_TYPE. */
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** signing._IN_TOTO_STATEMENT_TYPE. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** signing._PREDICATE_TYPE (spec §5.1). */
export const PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
/** The v0.2 layout (digests in `subject`), which spec §5.1 deprecates; recognised only to say so. */
export const LEGACY_PREDICATE_TYPE = 'https://model_signing/Digests/v0.1';
/** Preflight always writes the signature next to the files under this name. */
export const SIGNATURE_FILE = 'model.sig';

/**
 * DSSE v1 PAE: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes as ASCII
 * decimal (secure-systems-lab/dsse protocol.md; sign_sigstore_pb.pae does the same with
 * len(raw_payload) of the bytes). The reference signs and verifies PAE built with the constant
 * in-toto type, so a verifier must also check envelope.payloadType separately.
 */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `, 'utf8');
  return Buffer.concat([head, payload]);
}

/** One signed file, as recorded in predicate.resources (algorithm is always sha256 here). */
export interface OmsResource {
  /** POSIX path relative to the model root. */
  name: string;
  /** Lowercase hex SHA-256 of the file's bytes. */
  digest: string;
}
