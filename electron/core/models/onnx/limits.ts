// Bounds on what the reader keeps and stores per model version. Metadata is one JSON row that every
// listing reads: real models import a handful of operator sets and carry a few metadata entries,
// while a crafted file can repeat a 4-byte opset_import millions of times (protobuf amplification).

import { invalidModel } from './errors';

export const LIMITS = {
  opsetImports: 1_000,
  metadataProps: 10_000,
  /** Keys and values of metadata_props together, in UTF-16 code units as stored. */
  metadataChars: 4 * 1024 * 1024,
  inputsOutputs: 100_000,
  operators: 10_000,
  externalData: 1_000_000,
  /** The whole metadata object as stored (JSON characters). */
  storedChars: 8 * 1024 * 1024,
} as const;

export function tooMany(what: string, limit: number): never {
  throw invalidModel(
    `more than ${limit.toLocaleString('en-US')} ${what}: too many to be a real model (Preflight stops there to keep the workspace usable)`,
  );
}
