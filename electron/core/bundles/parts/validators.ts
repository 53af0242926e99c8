// The ODCS and CycloneDX validators. Compiling them takes about a second (the CycloneDX schema is
// 260 KB), which would dominate `preflight verify`; so the build replaces this module with the same
// validators precompiled by ajv's standalone code generator (scripts/compile-validators.mjs), and
// this file is what runs in the tests and in development. Both compile with these options.
import Ajv2019 from 'ajv/dist/2019';
import AjvDraft7 from 'ajv';
import type { ValidateFunction } from 'ajv';
import odcsSchema from '../../../../schemas/odcs-json-schema-v3.1.0.json';
import bomSchema from '../../../../schemas/bom-1.6.schema.json';
import spdxSchema from '../../../../schemas/spdx.schema.json';
import jsfSchema from '../../../../schemas/jsf-0.82.schema.json';

export const VALIDATOR_OPTIONS = { strict: false, validateFormats: false, allErrors: true } as const;

let odcs: ValidateFunction | null = null;
let bom: ValidateFunction | null = null;

export function odcsValidator(): ValidateFunction {
  odcs ??= new Ajv2019(VALIDATOR_OPTIONS).compile(odcsSchema);
  return odcs;
}

export function bomValidator(): ValidateFunction {
  if (!bom) {
    const ajv = new AjvDraft7(VALIDATOR_OPTIONS);
    ajv.addSchema(spdxSchema as object);
    ajv.addSchema(jsfSchema as object);
    bom = ajv.compile(bomSchema);
  }
  return bom;
}
