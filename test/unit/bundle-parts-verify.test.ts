// Reproducibility (same facts → same bytes) and the run-time part validator used by `preflight verify`.
import { describe, expect, it } from 'vitest';
import {
  bomJson,
  expectationsJson,
  mlmodelYaml,
  odcsYaml,
  partPaths,
  payloadSchemaJson,
  runbookHtml,
  runbookMarkdown,
  sloJson,
  validatePart,
} from '../../electron/core/bundles/parts/index';
import type { BundleFacts } from '../../shared/types/bundles';
import { bareFacts, creditRiskFacts } from '../helpers/bundle-facts';

const FILES = [{ path: 'runbook.md', sha256: '2'.repeat(64), size: 12000 }];

function allParts(f: BundleFacts): Record<string, string> {
  const p = partPaths(f.stem);
  return {
    [p.payloadSchema]: payloadSchemaJson(f),
    [p.odcs]: odcsYaml(f),
    [p.expectations]: expectationsJson(f),
    [p.mlmodel]: mlmodelYaml(f),
    [p.bom]: bomJson(f, FILES),
    [p.slo]: sloJson(f),
    [p.runbookMd]: runbookMarkdown(f),
    [p.runbookHtml]: runbookHtml(f),
  };
}

describe('reproducible output', () => {
  for (const [label, make] of [
    ['credit risk', creditRiskFacts],
    ['bare', bareFacts],
  ] as const) {
    it(`same facts give byte-identical documents (${label})`, () => {
      const a = allParts(make());
      const b = allParts(make());
      expect(Object.keys(a)).toHaveLength(8);
      for (const k of Object.keys(a)) expect(b[k], k).toBe(a[k]);
    });
  }

  it('changing a fact changes the documents that state it', () => {
    const g = creditRiskFacts();
    g.slos[0].thresholdMs = 2.2;
    const a = allParts(creditRiskFacts());
    const b = allParts(g);
    expect(b['runbook.md']).not.toBe(a['runbook.md']);
    expect(b['contracts/credit-risk.odcs.yaml']).not.toBe(a['contracts/credit-risk.odcs.yaml']);
    expect(b.MLmodel).toBe(a.MLmodel);
  });

  it('JSON documents end with one newline and use 2-space indentation', () => {
    const text = sloJson(creditRiskFacts());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"/);
  });
});

describe('validatePart (run-time schema copies)', () => {
  for (const [label, make] of [
    ['credit risk', creditRiskFacts],
    ['bare', bareFacts],
  ] as const) {
    it(`every generated part passes (${label})`, () => {
      for (const [file, text] of Object.entries(allParts(make()))) expect(validatePart(file, text), file).toEqual([]);
    });
  }

  it('names the file and the problem for broken parts', () => {
    const f = creditRiskFacts();
    const odcs = odcsYaml(f).replace('apiVersion: v3.1.0', 'apiVersion: v9');
    expect(validatePart('contracts/credit-risk.odcs.yaml', odcs)[0]).toMatchObject({
      file: 'contracts/credit-risk.odcs.yaml',
      message: expect.stringContaining('apiVersion'),
    });
    const bom = JSON.parse(bomJson(f, FILES));
    bom.components[0].type = 'robot';
    expect(validatePart('bom.cdx.json', JSON.stringify(bom)).length).toBeGreaterThan(0);
    expect(validatePart('contracts/payload.schema.json', '{"type": 12}')[0].message).toMatch(/2020-12/);
    expect(validatePart('contracts/payload.schema.json', '{not json')[0].message).toMatch(/not JSON/);
    expect(
      validatePart('contracts/x.expectations.json', '{"name":"x","expectations":[{"kwargs":{}}]}')[0].message,
    ).toMatch(/expectations\/0/);
    expect(validatePart('slo.json', '{"version":1,"points":[]}')[0].message).toMatch(/slos/);
    expect(validatePart('golden/golden.json', '[]')[0].message).toMatch(/object/);
    expect(validatePart('contracts/payload.schema.json', payloadSchemaJson(f))).toEqual([]);
  });
});
