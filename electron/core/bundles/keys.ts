// keys/generate: an ECDSA P-256 key pair for signing bundles. The private key is created with mode
// 0600 in one step (never world-readable, even for an instant); existing keys are never overwritten.

import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { ParsedArgsOf } from '../../../shared/contract/methods';
import type { KeyPairResult } from '../../../shared/types/bundles';
import { generateKeyPair } from './oms/index';

export function generateKeys(args: ParsedArgsOf<'keys/generate'>): KeyPairResult {
  const dir = path.resolve(args.dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = path.join(dir, `${args.name}.key.pem`);
  const publicKeyPath = path.join(dir, `${args.name}.pub.pem`);
  for (const p of [privateKeyPath, publicKeyPath]) {
    if (fs.existsSync(p))
      throw new PreflightError(
        'BAD_ARGUMENTS',
        `${p} already exists; keys are never overwritten (move it away, or choose another --out folder)`,
      );
  }
  const pair = generateKeyPair();
  fs.writeFileSync(privateKeyPath, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicKeyPath, pair.publicKeyPem, { mode: 0o644, flag: 'wx' });
  return { privateKeyPath, publicKeyPath, fingerprint: pair.fingerprint, curve: 'P-256' };
}
