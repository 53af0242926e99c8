// Run-time validation of bundle parts for `preflight verify` / `validate`, against the schema copies in
// schemas/ (the program never reads ../shared). Formats are not validated: ajv-formats is not a
// dependency, and both standards use `format` for information (date-time, iri-reference…).
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv';
import { load } from 'js-yaml';
import { bomValidator as cyclonedx, odcsValidator as odcs } from './validators';

export interface PartProblem {
  file: string;
  message: string;
}

function messages(file: string, errors: ErrorObject[] | null | undefined): PartProblem[] {
  return (errors ?? [])
    .slice(0, 20)
    .map((e) => ({ file, message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}` }));
}

function parse(file: string, text: string, yaml: boolean): { value: unknown; problems: PartProblem[] } {
  try {
    return { value: yaml ? load(text) : JSON.parse(text), problems: [] };
  } catch (e) {
    return {
      value: undefined,
      problems: [{ file, message: `not ${yaml ? 'YAML' : 'JSON'}: ${(e as Error).message}` }],
    };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Minimal shape checks for Preflight's own documents and the GX suite (no public schema ships for them). */
function shape(
  file: string,
  v: unknown,
  need: Record<string, 'array' | 'object' | 'string' | 'number'>,
): PartProblem[] {
  if (!isObj(v)) return [{ file, message: 'expected a JSON object' }];
  const out: PartProblem[] = [];
  for (const [k, t] of Object.entries(need)) {
    const x = v[k];
    const ok = t === 'array' ? Array.isArray(x) : t === 'object' ? isObj(x) : typeof x === t;
    if (!ok) out.push({ file, message: `/${k} must be ${t === 'array' || t === 'object' ? `an ${t}` : `a ${t}`}` });
  }
  return out;
}

function expectations(file: string, v: unknown): PartProblem[] {
  const out = shape(file, v, { name: 'string', expectations: 'array' });
  if (out.length > 0) return out;
  (v as { expectations: unknown[] }).expectations.forEach((e, i) => {
    if (!isObj(e) || typeof e.type !== 'string' || !isObj(e.kwargs))
      out.push({ file, message: `/expectations/${i} needs a type and kwargs` });
  });
  return out;
}

export function validatePart(path: string, text: string): PartProblem[] {
  const file = path;
  const base = path.split('/').pop() ?? path;
  const yaml = base.endsWith('.yaml') || base.endsWith('.yml');
  if (!yaml && !base.endsWith('.json')) return [];
  const { value, problems } = parse(file, text, yaml);
  if (problems.length > 0) return problems;
  if (base.endsWith('.odcs.yaml')) {
    const v = odcs();
    return v(value) ? [] : messages(file, v.errors);
  }
  if (base.endsWith('.cdx.json')) {
    const v = cyclonedx();
    return v(value) ? [] : messages(file, v.errors);
  }
  if (base === 'payload.schema.json') {
    try {
      // A fresh instance per call: the schema's $id would clash on a second compile in a shared one.
      new Ajv2020({ strict: false, validateFormats: false }).compile(value as object);
      return [];
    } catch (e) {
      return [{ file, message: `not a valid JSON Schema 2020-12: ${(e as Error).message}` }];
    }
  }
  if (base.endsWith('.expectations.json')) return expectations(file, value);
  if (base === 'slo.json') return shape(file, value, { version: 'number', points: 'array', slos: 'array' });
  if (path.includes('fallback'))
    return shape(file, value, { version: 'number' }).concat(
      isObj(value) && !(value.policy === null ? typeof value.reason === 'string' : isObj(value.policy))
        ? [{ file, message: 'needs a policy object, or policy null with a reason' }]
        : [],
    );
  if (base === 'features.json') return shape(file, value, { version: 'number', model: 'object', features: 'array' });
  if (base === 'readiness.json') return shape(file, value, { version: 'number', model: 'object', items: 'array' });
  if (path.includes('golden'))
    return shape(file, value, { rows: 'number', tolerance: 'object', inputs: 'object', outputs: 'object' });
  return [];
}
