// CycloneDX 1.6 ML-BOM against the standard's schema (with spdx + jsf), MLmodel signature, slo.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { bom, bomJson, mlmodelYaml, sloDocument } from '../../electron/core/bundles/parts/index';
import { bareFacts, creditRiskFacts, MODEL_SHA } from '../helpers/bundle-facts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPECS = path.resolve(ROOT, '..', 'shared', 'specs', 'cyclonedx');
const read = (name: string) =>
  JSON.parse(
    fs.readFileSync(
      fs.existsSync(path.join(SPECS, name)) ? path.join(SPECS, name) : path.join(ROOT, 'schemas', name),
      'utf8',
    ),
  );

// Draft-07 schema; spdx and jsf are $ref'd by their $id. Formats are not checked (ajv-formats is not installed).
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(read('spdx.schema.json'));
ajv.addSchema(read('jsf-0.82.schema.json'));
const validateBom = ajv.compile(read('bom-1.6.schema.json'));

const FILES = [
  { path: 'model/model.onnx', sha256: MODEL_SHA, size: 52311 },
  { path: 'contracts/credit-risk.odcs.yaml', sha256: '1'.repeat(64), size: 9000 },
  { path: 'runbook.md', sha256: '2'.repeat(64), size: 12000 },
];

describe('CycloneDX ML-BOM', () => {
  for (const [label, make] of [
    ['credit risk', creditRiskFacts],
    ['bare', bareFacts],
  ] as const) {
    it(`validates against CycloneDX 1.6 (${label})`, () => {
      const doc = JSON.parse(bomJson(make(), FILES));
      validateBom(doc);
      expect(validateBom.errors ?? []).toEqual([]);
    });
  }

  it('the validator rejects a broken BOM (the test can fail)', () => {
    const doc = bom(creditRiskFacts(), FILES) as any;
    doc.components[0].hashes[0].content = 'xyz';
    expect(validateBom(doc)).toBe(false);
  });

  it('describes the model, the reference data and every other file with its digest', () => {
    const f = creditRiskFacts();
    const doc = bom(f, FILES) as any;
    expect(doc.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(doc.metadata.tools.components[0]).toMatchObject({ name: 'Preflight', version: '0.9.0' });
    const [model, data, ...files] = doc.components;
    expect(model).toMatchObject({ type: 'machine-learning-model', hashes: [{ alg: 'SHA-256', content: MODEL_SHA }] });
    expect(model.modelCard.modelParameters).toMatchObject({
      task: 'binary-classification',
      architectureFamily: 'MLP',
      datasets: [{ ref: data['bom-ref'] }],
    });
    expect(data).toMatchObject({ type: 'data', hashes: [{ alg: 'SHA-256', content: f.reference.profileSha256 }] });
    expect(files.map((x: any) => x.name)).toEqual(['contracts/credit-risk.odcs.yaml', 'runbook.md']);
    const metrics = model.modelCard.quantitativeAnalysis.performanceMetrics;
    expect(metrics).toContainEqual(
      expect.objectContaining({ type: 'latency p99 (ms)', value: '2.481', slice: expect.stringContaining('batch 8') }),
    );
    expect(metrics).toContainEqual(expect.objectContaining({ type: 'fallback automation rate', value: '0.874' }));
  });

  it('serial number depends on the model and the export time only', () => {
    const a = bom(creditRiskFacts(), FILES) as any;
    const g = creditRiskFacts();
    g.createdAt = '2026-11-24T00:00:00.000Z';
    expect((bom(g, FILES) as any).serialNumber).not.toBe(a.serialNumber);
    expect((bom(creditRiskFacts(), []) as any).serialNumber).toBe(a.serialNumber);
  });
});

describe('MLmodel', () => {
  it('has onnx and python_function flavors and a tensor signature with -1 for symbolic dims', () => {
    const doc = load(mlmodelYaml(creditRiskFacts())) as any;
    expect(Object.keys(doc.flavors)).toEqual(['onnx', 'python_function']);
    expect(doc.flavors.python_function.loader_module).toBe('mlflow.onnx');
    expect(JSON.parse(doc.signature.inputs)).toEqual([
      { name: 'features', type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 5] } },
    ]);
    expect(JSON.parse(doc.signature.outputs)[0]['tensor-spec']).toEqual({ dtype: 'float32', shape: [-1, 2] });
    expect(doc.model_uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.utc_time_created).toBe('2026-11-23 14:05:09.123000');
  });

  it('bare: scalar int64, unnamed symbolic dim, non-tensor output left out and listed', () => {
    const doc = load(mlmodelYaml(bareFacts())) as any;
    expect(JSON.parse(doc.signature.inputs).map((s: any) => s['tensor-spec'])).toEqual([
      { dtype: 'float32', shape: [-1, 3] },
      { dtype: 'int64', shape: [] },
    ]);
    expect(JSON.parse(doc.signature.outputs).map((s: any) => s.name)).toEqual(['y']);
    expect(doc.metadata.not_in_signature).toEqual(['scores (seq(map(int64,tensor(float))))']);
  });
});

describe('slo.json', () => {
  it('carries the measured points with iterations and the SLOs', () => {
    const f = creditRiskFacts();
    const doc = sloDocument(f);
    expect(doc.environment?.cpuModel).toBe('AMD EPYC 7B13');
    expect(doc.points.map((p) => [p.batchSize, p.iterations, p.latencyMs.p99])).toEqual([
      [1, 2000, 1.237],
      [8, 2000, 2.481],
    ]);
    expect(doc.slos).toEqual(f.slos);
    expect(doc.note).toBeUndefined();
  });

  it('bare: user SLOs only and a note that nothing was measured', () => {
    const doc = sloDocument(bareFacts());
    expect(doc.points).toEqual([]);
    expect(doc.slos.map((s) => s.origin)).toEqual(['user']);
    expect(doc.note).toMatch(/nothing was measured/);
  });
});
