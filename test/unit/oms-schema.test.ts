// model.sig and each decoded layer validate against the OMS v1.0 JSON Schemas (draft 2020-12), as
// spec §3.1 asks of producers; the reference vector is checked the same way.
import Ajv2020 from 'ajv/dist/2020';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../electron/core/bundles/oms/keys';
import { signResources } from '../../electron/core/bundles/oms/sign';

const root = path.join(__dirname, '../..');
const ajv = new Ajv2020({ allErrors: true });
for (const part of ['predicate', 'statement', 'envelope', 'bundle']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(root, `schemas/oms-${part}.schema.json`), 'utf8')));
}
const validator = (part: string) => {
  const v = ajv.getSchema(`https://model_signing/${part}/v1.0/schema`);
  if (!v) throw new Error(`schema ${part} not loaded`);
  return v;
};
function check(part: string, value: unknown): void {
  const v = validator(part);
  expect(v(value), `${part}: ${ajv.errorsText(v.errors)}`).toBe(true);
}
function layers(sigText: string) {
  const bundle = JSON.parse(sigText);
  const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
  return { bundle, envelope: bundle.dsseEnvelope, statement, predicate: statement.predicate };
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ours = signResources(
  [
    { name: 'model.onnx', digest: sha('m') },
    { name: 'contracts/request.schema.json', digest: sha('r') },
  ],
  { modelName: 'churn-v3', ignorePaths: ['README.local'], privateKeyPem: generateKeyPair().privateKeyPem },
);

describe('OMS schemas', () => {
  it('our model.sig validates at every layer', () => {
    const l = layers(ours);
    check('bundle', l.bundle);
    check('envelope', l.envelope);
    check('statement', l.statement);
    check('predicate', l.predicate);
  });

  it('the reference vector validates too', () => {
    const l = layers(fs.readFileSync(path.join(root, 'test/fixtures/oms/key.bundle.json'), 'utf8'));
    for (const part of ['bundle', 'envelope', 'statement', 'predicate'] as const) check(part, l[part]);
  });

  it('the validators do reject broken layers', () => {
    const l = layers(ours);
    const v = (part: string, value: unknown) => validator(part)(value);
    expect(v('bundle', { ...l.bundle, verificationMaterial: {} })).toBe(false);
    expect(v('envelope', { ...l.envelope, payloadType: 'text/plain' })).toBe(false);
    expect(v('statement', { ...l.statement, predicateType: 'x' })).toBe(false);
    expect(v('predicate', { ...l.predicate, serialization: { method: 'files', hash_type: 'sha256' } })).toBe(false);
    expect(v('predicate', { ...l.predicate, serialization: { ...l.predicate.serialization, shard_size: 0 } })).toBe(
      false,
    );
  });
});
