// The pure generators of a bundle's documents: each a function of BundleFacts (bom.ts also takes the
// other files' digests). Same facts → byte-identical output.
export { stableJson, derivedUuid } from './util';
export { payloadSchema, payloadSchemaJson } from './payload-schema';
export { odcsContract, odcsYaml } from './odcs';
export { expectationSuite, expectationsJson, KL_THRESHOLD } from './expectations';
export { mlmodel, mlmodelYaml } from './mlmodel';
export { bom, bomJson, type BundleFileDigest } from './bom';
export { sloDocument, sloJson } from './slo';
export { runbookModel, runbookMarkdown, runbookHtml } from './runbook';
export { validatePart } from './schemas';

/** Bundle paths of the generated documents. */
export const partPaths = (stem: string) => ({
  payloadSchema: 'contracts/payload.schema.json',
  odcs: `contracts/${stem}.odcs.yaml`,
  expectations: `contracts/${stem}.expectations.json`,
  mlmodel: 'MLmodel',
  bom: 'bom.cdx.json',
  slo: 'slo.json',
  runbookMd: 'runbook.md',
  runbookHtml: 'runbook.html',
});
