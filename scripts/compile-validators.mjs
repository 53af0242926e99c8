// Precompiles the ODCS and CycloneDX validators with ajv's standalone code generator, for the build:
// scripts/build.mjs points electron/core/bundles/parts/validators.ts at the result, so `preflight
// verify` loads ready-made validators instead of compiling 350 KB of schemas on every run.
// Same schemas, same options (VALIDATOR_OPTIONS in validators.ts), same ajv.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import standalone from 'ajv/dist/standalone/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = (name) => JSON.parse(fs.readFileSync(path.join(root, 'schemas', name), 'utf8'));
const options = { strict: false, validateFormats: false, allErrors: true, code: { source: true, esm: true } };
const code = standalone.default ?? standalone;

export function compileValidators(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const odcs = new Ajv2019.default(options);
  fs.writeFileSync(path.join(outDir, 'odcs.mjs'), code(odcs, odcs.compile(schema('odcs-json-schema-v3.1.0.json'))));
  const bom = new Ajv.default(options);
  bom.addSchema(schema('spdx.schema.json'));
  bom.addSchema(schema('jsf-0.82.schema.json'));
  fs.writeFileSync(path.join(outDir, 'bom.mjs'), code(bom, bom.compile(schema('bom-1.6.schema.json'))));
  const entry = path.join(outDir, 'validators.mjs');
  fs.writeFileSync(
    entry,
    "import odcs from './odcs.mjs';\nimport bom from './bom.mjs';\nexport const VALIDATOR_OPTIONS = { strict: false, validateFormats: false, allErrors: true };\nexport const odcsValidator = () => odcs;\nexport const bomValidator = () => bom;\n",
  );
  return entry;
}
