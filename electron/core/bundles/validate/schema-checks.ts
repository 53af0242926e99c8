// Schema and quality rules of the contract on a batch, from the batch's imported columns: missing
// features, new columns, type changes with the values that cannot be read as the contract's type,
// null rates, NaN/±Inf. Every limit comes from the bundle (contracts/features.json).

import type { FeatureRule, ValidateCheck } from '../../../../shared/types/bundles';
import type { ColumnInfo } from '../../../../shared/types/datasets';
import type { DatasetDriftProfile } from '../../../../shared/types/drift';

const NUMERIC = new Set(['integer', 'float']);

export interface Unreadable {
  count: number;
  /** 1-based data rows of the first few. */
  rows: number[];
  examples: string[];
}

export function schemaChecks(
  features: FeatureRule[],
  profile: DatasetDriftProfile,
  columns: ColumnInfo[],
  rows: number,
  unreadable: (column: ColumnInfo, rule: FeatureRule) => Unreadable,
): { checks: ValidateCheck[]; comparable: FeatureRule[] } {
  const checks: ValidateCheck[] = [];
  const comparable: FeatureRule[] = [];
  const byName = new Map(columns.map((c) => [c.name, c]));
  const contracted = new Set(features.map((f) => f.name));
  for (const f of features) {
    const c = byName.get(f.name);
    if (!c) {
      checks.push({
        kind: 'schema',
        rule: 'missing-feature',
        feature: f.name,
        ok: false,
        value: null,
        limit: null,
        message: `${f.name} is missing from the batch (the contract requires it${f.input ? `: it feeds model input ${f.input.name}[${f.input.index}]` : ''})`,
      });
      continue;
    }
    const type = typeCheck(f, c, unreadable);
    if (type) checks.push(type);
    if (type && !type.ok) continue;
    comparable.push(f);
    const nullRate = rows ? (c.profile.missing + c.profile.nan) / rows : 0;
    checks.push({
      kind: 'quality',
      rule: 'null-rate',
      feature: f.name,
      ok: nullRate <= f.maxNullRate + 1e-12,
      value: nullRate,
      limit: f.maxNullRate,
      message: `null rate ${pct(nullRate)} (limit ${pct(f.maxNullRate)}; reference ${pct(f.referenceNullRate)})`,
    });
    const ref = profile.columns.find((p) => p.name === f.name)?.profile;
    const refNonFinite = ref?.kind === 'numerical' ? ref.posInf + ref.negInf + ref.nan : 0;
    const nonFinite = c.profile.nan + c.profile.posInf + c.profile.negInf;
    if (NUMERIC.has(f.columnType) && refNonFinite === 0) {
      checks.push({
        kind: 'quality',
        rule: 'nan-inf',
        feature: f.name,
        ok: nonFinite === 0,
        value: nonFinite,
        limit: 0,
        message:
          nonFinite === 0
            ? 'no NaN or ±Inf'
            : `${nonFinite} NaN/±Inf values (NaN ${c.profile.nan}, +Inf ${c.profile.posInf}, −Inf ${c.profile.negInf}); the reference had none`,
      });
    }
  }
  const extra = columns.filter((c) => !contracted.has(c.name)).map((c) => c.name);
  if (extra.length)
    checks.push({
      kind: 'schema',
      rule: 'new-column',
      feature: null,
      ok: true,
      notice: true,
      value: extra.length,
      limit: null,
      message: `not in the contract (ignored): ${extra.join(', ')}`,
    });
  return { checks, comparable };
}

function typeCheck(
  f: FeatureRule,
  c: ColumnInfo,
  unreadable: (column: ColumnInfo, rule: FeatureRule) => Unreadable,
): ValidateCheck | null {
  const want = f.columnType;
  const got = c.kind;
  if (want === got) return null;
  if (want === 'float' && got === 'integer') return null; // integers are floats
  if (want === 'integer' && got === 'float') {
    return {
      kind: 'schema',
      rule: 'type',
      feature: f.name,
      ok: true,
      notice: true,
      value: null,
      limit: null,
      message: `contract type integer, batch has fractional values (float): compared as numbers`,
    };
  }
  if (NUMERIC.has(want) || want === 'boolean' || want === 'datetime') {
    const u = unreadable(c, f);
    return {
      kind: 'schema',
      rule: u.count ? 'unreadable-values' : 'type',
      feature: f.name,
      ok: false,
      value: u.count,
      limit: 0,
      rows: u.rows,
      message: u.count
        ? `${u.count} value(s) cannot be read as ${want} (batch column is ${got}), e.g. ${u.examples.map((e) => JSON.stringify(e)).join(', ')} in data row(s) ${u.rows.join(', ')}`
        : `type changed: the contract says ${want}, the batch column is ${got}`,
    };
  }
  // A categorical feature whose batch values all read as numbers or booleans is still comparable as text.
  return {
    kind: 'schema',
    rule: 'type',
    feature: f.name,
    ok: true,
    notice: true,
    value: null,
    limit: null,
    message: `contract type ${want}, batch column read as ${got}: compared as categories`,
  };
}

export function pct(share: number): string {
  if (share === 0) return '0%';
  const p = share * 100;
  return `${p < 0.1 ? p.toPrecision(2) : p < 10 ? p.toFixed(2) : p.toFixed(1)}%`;
}
