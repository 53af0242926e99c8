// OpenSSF Model Signing (OMS v1.0), key method: see README.md in this folder.
export { BUNDLE_MEDIA_TYPE, PAYLOAD_TYPE, PREDICATE_TYPE, SIGNATURE_FILE, type OmsResource } from './format';
export { generateKeyPair, keyFingerprint, readPrivateKey, readPublicKey } from './keys';
export { canonicalName, compareNames, DEFAULT_IGNORE_PATHS, effectiveIgnorePaths } from './names';
export { hashFolder, sortResources, subjectDigest } from './serialize';
export { signResources, type SignOptions } from './sign';
export { compareResources, verifySignatureFile, type ResourceProblem, type VerifyOutcome } from './verify';
