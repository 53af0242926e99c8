// bom.cdx.json: CycloneDX 1.6 ML-BOM, the machine-readable model card with every bundle file's digest.
import type { BundleFacts } from '../../../../shared/types/bundles';
import type { TensorInfo } from '../../../../shared/types/models';
import { fmtNum } from './format';
import { bundleModelPath, derivedUuid, shapeText, stableJson } from './util';

export interface BundleFileDigest {
  path: string;
  sha256: string;
  size: number;
}

/** Keys ONNX exporters commonly put in metadata_props for what the model does and what it is. */
const TASK_KEYS = ['task', 'pipeline_tag', 'model_task'];
const ARCH_KEYS = ['architecture', 'architectureFamily', 'model_type', 'architecture_family'];

function pick(props: Record<string, string>, keys: string[]): string | undefined {
  for (const k of keys) if (props[k]?.trim()) return props[k].trim();
  return undefined;
}

const format = (t: TensorInfo): { format: string } => ({ format: `${t.name}: ${t.type} ${shapeText(t)}` });

function performanceMetrics(facts: BundleFacts): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const p of facts.bench?.points ?? []) {
    const slice = `${p.ep}, batch ${p.batchSize}, concurrency ${p.concurrency}, ${p.iterations} iterations`;
    out.push({ type: 'latency p50 (ms)', value: fmtNum(p.latencyMs.p50), slice });
    out.push({ type: 'latency p99 (ms)', value: fmtNum(p.latencyMs.p99), slice });
  }
  const f = facts.fallback.policy;
  if (f) {
    out.push({
      type: 'fallback automation rate',
      value: fmtNum(f.measured.automationRate),
      slice: `${facts.reference.dataset}, ${f.measured.rows} rows, confidence threshold ${fmtNum(f.threshold)}`,
    });
  }
  return out;
}

export function bom(facts: BundleFacts, files: BundleFileDigest[]): Record<string, unknown> {
  const { model } = facts;
  const props = model.metadata.metadataProps;
  const task = pick(props, TASK_KEYS);
  const arch = pick(props, ARCH_KEYS);
  const modelRef = `model-${model.sha256.slice(0, 16)}`;
  const dataRef = `reference-${facts.reference.profileSha256.slice(0, 16)}`;
  const modelParameters: Record<string, unknown> = {};
  if (task) modelParameters.task = task;
  if (arch) modelParameters.architectureFamily = arch;
  modelParameters.datasets = [{ ref: dataRef }];
  modelParameters.inputs = model.metadata.inputs.map(format);
  modelParameters.outputs = model.metadata.outputs.map(format);
  const metrics = performanceMetrics(facts);
  const modelCard: Record<string, unknown> = { modelParameters };
  if (metrics.length > 0) modelCard.quantitativeAnalysis = { performanceMetrics: metrics };
  const modelPaths = new Set(model.files.map((f) => bundleModelPath(f.relativePath)));
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${derivedUuid(`${model.sha256}|${facts.createdAt}`)}`,
    version: 1,
    metadata: {
      timestamp: facts.createdAt,
      tools: { components: [{ type: 'application', name: 'Preflight', version: facts.versions.preflight }] },
      component: {
        'bom-ref': `bundle-${model.sha256.slice(0, 16)}`,
        type: 'application',
        name: `${model.name} bundle`,
        version: String(model.version),
      },
    },
    components: [
      {
        'bom-ref': modelRef,
        type: 'machine-learning-model',
        name: model.name,
        version: String(model.version),
        description:
          model.metadata.docString ||
          `${model.metadata.producerName} ${model.metadata.producerVersion}`.trim() ||
          undefined,
        hashes: [{ alg: 'SHA-256', content: model.sha256 }],
        properties: [
          { name: 'preflight:onnx:irVersion', value: String(model.metadata.irVersion) },
          ...model.metadata.opsetImports.map((o) => ({
            name: `preflight:onnx:opset:${o.domain || 'ai.onnx'}`,
            value: String(o.version),
          })),
          ...model.files.map((f) => ({ name: `preflight:file:${bundleModelPath(f.relativePath)}`, value: f.sha256 })),
        ],
        modelCard,
      },
      {
        'bom-ref': dataRef,
        type: 'data',
        name: facts.reference.dataset,
        hashes: [{ alg: 'SHA-256', content: facts.reference.profileSha256 }],
        data: [
          {
            type: 'dataset',
            name: facts.reference.dataset,
            description: `Reference profile of ${facts.reference.rows} rows (reference/profile.json): the baseline of drift and contract checks`,
          },
        ],
      },
      ...files
        .filter((f) => !modelPaths.has(f.path))
        .map((f) => ({
          'bom-ref': `file-${f.path}`,
          type: 'file',
          name: f.path,
          hashes: [{ alg: 'SHA-256', content: f.sha256 }],
          properties: [{ name: 'preflight:size', value: String(f.size) }],
        })),
    ],
  };
}

export function bomJson(facts: BundleFacts, files: BundleFileDigest[]): string {
  // JSON.stringify drops the undefined description, keeping the output free of empty fields.
  return stableJson(bom(facts, files));
}
