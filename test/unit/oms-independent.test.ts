// An independent OMS verifier, written here from the spec text alone (v1.0 §6.5.1 root digest,
// §6.2 exclusions, §8 verification; DSSE protocol.md PAE; algorithm registry curve→hash) and sharing
// no code with electron/core/bundles/oms, so the module is not only checked against itself. It
// verifies what the module signs, and the module verifies what it signs.
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../electron/core/bundles/oms/keys';
import { hashFolder } from '../../electron/core/bundles/oms/serialize';
import { signResources } from '../../electron/core/bundles/oms/sign';
import { compareResources, verifySignatureFile } from '../../electron/core/bundles/oms/verify';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

/** DSSE v1: "DSSEv1" SP len(type) SP type SP len(body) SP body, byte lengths in decimal. */
function dssePae(type: string, body: Buffer): Buffer {
  const t = Buffer.from(type, 'utf8');
  const sp = Buffer.from([0x20]);
  return Buffer.concat([
    Buffer.from('DSSEv1', 'ascii'),
    sp,
    Buffer.from(String(t.byteLength), 'ascii'),
    sp,
    t,
    sp,
    Buffer.from(String(body.byteLength), 'ascii'),
    sp,
    body,
  ]);
}

/** Returns the problems found; [] means the folder is what the key signed. */
function specVerify(sigText: string, publicKeyPem: string, folder: string): string[] {
  const bundle = JSON.parse(sigText);
  if (!/^application\/vnd\.dev\.sigstore\.bundle/.test(bundle.mediaType)) return ['mediaType'];
  const env = bundle.dsseEnvelope;
  if (env.payloadType !== 'application/vnd.in-toto+json') return ['payloadType'];
  const body = Buffer.from(env.payload, 'base64');
  const key = createPublicKey(publicKeyPem);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const hash = curve === 'prime256v1' ? 'sha256' : curve === 'secp384r1' ? 'sha384' : null;
  if (!hash) return ['curve'];
  const signed = env.signatures.some((s: { sig: string }) =>
    verify(hash, dssePae(env.payloadType, body), key, Buffer.from(s.sig, 'base64')),
  );
  if (!signed) return ['signature'];
  const st = JSON.parse(body.toString('utf8'));
  if (st._type !== 'https://in-toto.io/Statement/v1' || st.predicateType !== 'https://model_signing/signature/v1.0')
    return ['statement'];
  const resources: { name: string; digest: string; algorithm: string }[] = st.predicate.resources;
  const root = sha256(Buffer.concat(resources.map((r) => Buffer.from(r.digest, 'hex')))).toString('hex');
  if (st.subject.length !== 1 || st.subject[0].digest.sha256 !== root) return ['root digest'];
  // §5.2.1 code-point order; the names used here avoid the one case where the reference tool's
  // per-component order differs (see names.ts), so both orders must agree.
  const names = resources.map((r) => r.name);
  const byCodePoint = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (names.join('\n') !== byCodePoint.join('\n')) return ['order'];
  const ser = st.predicate.serialization;
  if (ser.method !== 'files' || ser.hash_type !== 'sha256' || ser.allow_symlinks !== false) return ['serialization'];
  const ignores: string[] = [...(ser.ignore_paths ?? []), '.git', '.gitignore', '.gitattributes', '.github'];
  const files = (fs.readdirSync(folder, { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => fs.lstatSync(path.join(folder, p)).isFile())
    .filter((p) => !ignores.some((i) => p === i || p.startsWith(`${i}/`)));
  const problems: string[] = [];
  const signedNames = new Set(names);
  for (const r of resources) {
    if (r.algorithm !== 'sha256') problems.push(`${r.name}: algorithm`);
    else if (!files.includes(r.name)) problems.push(`${r.name}: missing`);
    else if (sha256(fs.readFileSync(path.join(folder, r.name))).toString('hex') !== r.digest)
      problems.push(`${r.name}: digest`);
  }
  for (const f of files) if (!signedNames.has(f)) problems.push(`${f}: unsigned`);
  return problems;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oms-ind-'));
  for (const [rel, content] of Object.entries({
    'model.onnx': 'weights',
    'contracts/request.schema.json': '{}',
    'reference/profile.json': '[1,2]',
    'runbook.md': '# r',
    '.gitignore': 'x',
    'données/modèle €.bin': 'ü',
  })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function moduleSigned(privateKeyPem: string): Promise<string> {
  const sig = signResources(await hashFolder(dir, ['runbook.md']), {
    modelName: path.basename(dir),
    ignorePaths: ['runbook.md'],
    privateKeyPem,
  });
  fs.writeFileSync(path.join(dir, 'model.sig'), sig);
  return sig;
}

describe('independent spec verifier', () => {
  it('accepts what the module signs, and catches what it should', async () => {
    const kp = generateKeyPair();
    const sig = await moduleSigned(kp.privateKeyPem);
    expect(specVerify(sig, kp.publicKeyPem, dir)).toEqual([]);
    expect(specVerify(sig, generateKeyPair().publicKeyPem, dir)).toEqual(['signature']);
    fs.writeFileSync(path.join(dir, 'runbook.md'), 'edited: ignored');
    expect(specVerify(sig, kp.publicKeyPem, dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'reference/profile.json'), '[1,3]');
    fs.writeFileSync(path.join(dir, 'new.bin'), 'n');
    expect(specVerify(sig, kp.publicKeyPem, dir)).toEqual(['reference/profile.json: digest', 'new.bin: unsigned']);
    const b = JSON.parse(sig);
    const s = Buffer.from(b.dsseEnvelope.signatures[0].sig, 'base64');
    s[s.length - 1] ^= 0x80;
    b.dsseEnvelope.signatures[0].sig = s.toString('base64');
    expect(specVerify(JSON.stringify(b), kp.publicKeyPem, dir)).toEqual(['signature']);
  });

  it('the module verifies bundles the spec verifier’s own signer makes (P-256 and P-384)', async () => {
    for (const namedCurve of ['P-256', 'P-384']) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
      const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const files = ['contracts/request.schema.json', 'données/modèle €.bin', 'model.onnx', 'reference/profile.json'];
      const resources = files.map((name) => ({
        name,
        digest: sha256(fs.readFileSync(path.join(dir, name))).toString('hex'),
        algorithm: 'sha256',
      }));
      const statement = {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [
          {
            name: 'hand-made',
            digest: {
              sha256: sha256(Buffer.concat(resources.map((r) => Buffer.from(r.digest, 'hex')))).toString('hex'),
            },
          },
        ],
        predicateType: 'https://model_signing/signature/v1.0',
        predicate: {
          serialization: {
            method: 'files',
            hash_type: 'sha256',
            allow_symlinks: false,
            ignore_paths: ['runbook.md', 'model.sig'],
          },
          resources,
        },
      };
      const body = Buffer.from(JSON.stringify(statement));
      const sig = sign(
        namedCurve === 'P-256' ? 'sha256' : 'sha384',
        dssePae('application/vnd.in-toto+json', body),
        privateKey,
      );
      const text = JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: { publicKey: { hint: createHash('sha256').update(pub).digest('hex') } },
        dsseEnvelope: {
          payload: body.toString('base64'),
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{ sig: sig.toString('base64') }],
        },
      });
      expect(specVerify(text, pub, dir)).toEqual([]);
      const v = verifySignatureFile(text, pub);
      expect(v).toMatchObject({
        ok: true,
        subjectName: 'hand-made',
        subjectDigest: statement.subject[0].digest.sha256,
      });
      if (v.ok) expect(compareResources(v.resources, await hashFolder(dir, v.ignorePaths))).toEqual([]);
    }
  });
});
