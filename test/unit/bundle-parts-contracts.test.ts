// Bundle parts: ODCS contract against the ODCS 3.1.0 schema, payload schema as JSON Schema 2020-12,
// the GX suite's KL partitions against the reference profile.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { expectationSuite, odcsYaml, payloadSchema } from '../../electron/core/bundles/parts/index';
import { numericPartition } from '../../electron/core/bundles/parts/expectations';
import type { NumericDriftProfile } from '../../shared/types/drift';
import { bareFacts, creditRiskFacts } from '../helpers/bundle-facts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The standards' copies in ../shared/specs when present (the brief's reference), else the program's own copies.
const SPECS = path.resolve(ROOT, '..', 'shared', 'specs');
const spec = (rel: string, copy: string) =>
  JSON.parse(
    fs.readFileSync(
      fs.existsSync(path.join(SPECS, rel)) ? path.join(SPECS, rel) : path.join(ROOT, 'schemas', copy),
      'utf8',
    ),
  );

const odcsValidate = new Ajv2019({ strict: false, validateFormats: false, allErrors: true }).compile(
  spec('odcs/odcs-json-schema-v3.1.0.json', 'odcs-json-schema-v3.1.0.json'),
);

describe('ODCS data contract', () => {
  for (const [label, make] of [
    ['credit risk', creditRiskFacts],
    ['bare', bareFacts],
  ] as const) {
    it(`validates against ODCS v3.1.0 (${label})`, () => {
      const doc = load(odcsYaml(make()));
      const ok = odcsValidate(doc);
      expect(odcsValidate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('the validator rejects a broken contract (the test can fail)', () => {
    const doc = load(odcsYaml(creditRiskFacts())) as Record<string, any>;
    doc.schema[0].properties[0].logicalType = 'float64';
    expect(odcsValidate(doc)).toBe(false);
  });

  it('carries ranges, null limits, categories, SLOs, fallback and owner from the facts', () => {
    const f = creditRiskFacts();
    const doc = load(odcsYaml(f)) as Record<string, any>;
    expect(doc).toMatchObject({ apiVersion: 'v3.1.0', kind: 'DataContract', name: 'credit-risk' });
    const props = doc.schema[0].properties as any[];
    expect(props.map((p) => p.name)).toEqual(f.features.map((x) => x.name));
    const income = props.find((p) => p.name === 'income');
    expect(income.logicalTypeOptions).toEqual({ minimum: 0, maximum: 250000 });
    expect(income.required).toBe(false);
    const nulls = income.quality.find((q: any) => q.metric === 'nullValues');
    expect(nulls.mustBeLessOrEqualTo).toBeCloseTo(f.features[1].maxNullRate * 100, 9);
    const region = props.find((p) => p.name === 'region');
    expect(region.quality.find((q: any) => q.metric === 'invalidValues').arguments.validValues).toEqual([
      'north',
      'south',
      'east',
      'west',
    ]);
    expect(doc.slaProperties.map((s: any) => s.value)).toEqual([1.9, 3.75]);
    const fb = doc.customProperties.find((c: any) => c.property === 'fallbackPolicy');
    expect(fb.value).toMatchObject({ threshold: 0.8, automationRate: 0.874, rows: 5000, accuracyAbove: 0.931 });
    expect(doc.team.name).toBe('Credit Risk ML');
  });

  it('bare: placeholders for a blank owner, the fallback reason, user SLO not measured', () => {
    const doc = load(odcsYaml(bareFacts())) as Record<string, any>;
    expect(doc.team.name).toBe('<team>');
    expect(doc.team.members.map((m: any) => m.username)).toEqual(['<contact>', '<escalation>']);
    expect(doc.customProperties.find((c: any) => c.property === 'fallbackPolicy')).toMatchObject({
      value: null,
      description: expect.stringContaining('no probability-like output'),
    });
    expect(doc.slaProperties[0].description).toContain('not measured');
  });
});

describe('payload schema (JSON Schema 2020-12)', () => {
  const compile = (s: object) => new Ajv2020({ strict: false }).compile(s);

  it('accepts a request built from the golden inputs and rejects a wrong dtype or shape', () => {
    const f = creditRiskFacts();
    const validate = compile(payloadSchema(f));
    const g = f.golden!.inputs.features;
    const rows = [g.values.slice(0, 5), g.values.slice(5, 10)];
    expect(validate({ inputs: { features: rows } })).toBe(true);
    expect(validate({ inputs: { features: [rows[0].map(String)] } })).toBe(false);
    expect(validate({ inputs: { features: [rows[0].slice(0, 4)] } })).toBe(false);
    expect(validate({ inputs: { features: rows[0] } })).toBe(false);
    expect(validate({ inputs: {} })).toBe(false);
    expect(validate({ outputs: { probabilities: [[0.9, 0.1]] } })).toBe(true);
    expect(validate({ outputs: { probabilities: [[0.9, 0.1, 0]] } })).toBe(false);
  });

  it('records symbolic dims and the reference range of each column feeding an input position', () => {
    const f = creditRiskFacts();
    const s = payloadSchema(f) as any;
    const feat = s.$defs.request.properties.inputs.properties.features;
    expect(feat['x-dims']).toEqual(['batch', '5']);
    expect(feat.items.prefixItems[1]).toMatchObject({
      'x-column': 'income',
      'x-referenceMin': 0,
      'x-referenceMax': 250000,
    });
  });

  it('bare: unnamed symbolic dim, scalar int64, a non-tensor output', () => {
    const s = payloadSchema(bareFacts()) as any;
    const validate = compile(s);
    expect(s.$defs.request.properties.inputs.properties.x['x-dims']).toEqual(['dim0 (unnamed)', '3']);
    expect(validate({ inputs: { x: [[0.1, 0.2, 0.3]], k: 4 } })).toBe(true);
    expect(validate({ inputs: { x: [[0.1, 0.2, 0.3]], k: '9007199254740993' } })).toBe(true);
    expect(validate({ inputs: { x: [[0.1, 0.2, 0.3]], k: 4.5 } })).toBe(false);
    expect(validate({ inputs: { x: [[0.1, 0.2, 0.3]], k: [4] } })).toBe(false);
    expect(s.$defs.response.properties.outputs.properties.scores['x-onnxType']).toBe('seq(map(int64,tensor(float)))');
    expect(s.$defs.response.properties.outputs.properties.y['x-dims']).toEqual(['dim0 (unknown)']);
    expect(validate({ outputs: { y: [0.5], scores: [{ 0: 0.5, 1: 0.5 }] } })).toBe(true);
    expect(validate({ outputs: { y: [0.5], scores: { 0: 0.5 } } })).toBe(false);
  });
});

describe('Great Expectations suite', () => {
  it('has a KL expectation per profiled feature whose weights sum to 1 and follow the profile counts', () => {
    const f = creditRiskFacts();
    const suite = expectationSuite(f);
    const kl = suite.expectations.filter((e) => e.type === 'expect_column_kl_divergence_to_be_less_than');
    expect(kl.map((e) => e.kwargs.column)).toEqual(f.features.map((x) => x.name));
    const income = kl.find((e) => e.kwargs.column === 'income')!;
    const part = income.kwargs.partition_object as { bins: number[]; weights: number[] };
    const prof = f.reference.profile.columns.find((c) => c.name === 'income')!.profile as NumericDriftProfile;
    expect(part.bins).toEqual(prof.binEdges);
    expect(part.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const inner = prof.binCounts.slice(1, -1);
    part.weights.forEach((w, i) => expect(w).toBeCloseTo(inner[i] / prof.count, 12));
    expect(income.meta.thresholdChoice).toMatch(/PSI/);
    const region = kl.find((e) => e.kwargs.column === 'region')!.kwargs.partition_object as {
      values: string[];
      weights: number[];
    };
    expect(region.values).toEqual(['north', 'south', 'east', 'west']);
    expect(region.weights).toEqual([1500 / 5000, 1200 / 5000, 1300 / 5000, 1000 / 5000]);
  });

  it('mostly follows the contract allowances; columns must match the feature set', () => {
    const f = creditRiskFacts();
    const suite = expectationSuite(f);
    expect(suite.expectations[0]).toMatchObject({
      type: 'expect_table_columns_to_match_set',
      kwargs: { column_set: f.features.map((x) => x.name) },
    });
    const notNull = suite.expectations.find(
      (e) => e.type === 'expect_column_values_to_not_be_null' && e.kwargs.column === 'income',
    )!;
    expect(notNull.kwargs.mostly).toBeCloseTo(1 - f.features[1].maxNullRate, 12);
    const between = suite.expectations.find(
      (e) => e.type === 'expect_column_values_to_be_between' && e.kwargs.column === 'age',
    )!;
    expect(between.kwargs).toMatchObject({ min_value: 18, max_value: 90, mostly: 0.98 });
    const inSet = suite.expectations.find(
      (e) => e.type === 'expect_column_values_to_be_in_set' && e.kwargs.column === 'home_ownership',
    )!;
    expect(inSet.kwargs).toMatchObject({ value_set: ['rent', 'own', 'mortgage'], mostly: 0.99 });
  });

  it('merges the zero-width bins of tied deciles, keeping every count, and skips a constant column', () => {
    const p = numericPartition([0, 1, 1, 1, 3], [2, 10, 0, 5, 20, 1])!;
    expect(p.bins).toEqual([0, 1, 3]);
    expect(p.weights).toEqual([10 / 35, 25 / 35]);
    expect(p.outside).toBe(3);
    expect(numericPartition([4], [0, 9, 0])).toBeNull();
    expect(numericPartition([4, 4], [0, 9, 0])).toBeNull();
  });
});
