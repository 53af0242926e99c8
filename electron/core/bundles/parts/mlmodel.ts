// MLmodel: lets MLflow users load the bundled model (mlflow.pyfunc.load_model on the bundle folder).
// Keys sorted like MLflow's own yaml.safe_dump; signature specs are JSON strings as MLflow writes them.
import { dump } from 'js-yaml';
import type { BundleFacts } from '../../../../shared/types/bundles';
import type { TensorInfo } from '../../../../shared/types/models';
import { bundleModelPath, derivedUuid } from './util';

/** ONNX element type → numpy dtype name MLflow's TensorSpec accepts (null: no numpy equivalent). */
const NUMPY: Record<string, string> = {
  float: 'float32',
  double: 'float64',
  float16: 'float16',
  int8: 'int8',
  int16: 'int16',
  int32: 'int32',
  int64: 'int64',
  uint8: 'uint8',
  uint16: 'uint16',
  uint32: 'uint32',
  uint64: 'uint64',
  bool: 'bool',
  string: 'str',
};

/** Python's json.dumps spacing (", " and ": "), so the strings look like MLflow's. */
function pyJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(pyJson).join(', ') + ']';
  if (v !== null && typeof v === 'object')
    return (
      '{' +
      Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`)
        .join(', ') +
      '}'
    );
  return JSON.stringify(v);
}

/** Tensors MLflow can express; others (sequences, maps, unknown dtypes) are listed so the file can say so. */
export function tensorSpecs(list: TensorInfo[]): { specs: unknown[]; skipped: string[] } {
  const specs: unknown[] = [];
  const skipped: string[] = [];
  for (const t of list) {
    const dtype = t.elemType ? NUMPY[t.elemType] : undefined;
    if (t.kind !== 'tensor' || !dtype || t.shape === null) {
      skipped.push(`${t.name} (${t.type})`);
      continue;
    }
    const shape = t.shape.map((d) => ('value' in d ? d.value : -1));
    specs.push({ name: t.name, type: 'tensor', 'tensor-spec': { dtype, shape } });
  }
  return { specs, skipped };
}

/** "2026-01-15T09:30:12.345Z" → "2026-01-15 09:30:12.345000", the form MLflow writes. */
export function mlflowTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]}.${(m[3] ?? '').padEnd(6, '0').slice(0, 6)}`;
}

export function mlmodel(facts: BundleFacts): Record<string, unknown> {
  const { model } = facts;
  const main = model.files.find((f) => f.role === 'model');
  const data = bundleModelPath(main?.relativePath ?? 'model.onnx');
  const ins = tensorSpecs(model.metadata.inputs);
  const outs = tensorSpecs(model.metadata.outputs);
  return {
    flavors: {
      onnx: { code: null, data, onnx_session_options: null, providers: ['CPUExecutionProvider'] },
      python_function: { code: null, data, loader_module: 'mlflow.onnx' },
    },
    metadata: {
      preflight_version: facts.versions.preflight,
      onnxruntime_version: facts.versions.onnxruntime,
      model_name: model.name,
      model_version: model.version,
      model_sha256: model.sha256,
      not_in_signature: [...ins.skipped, ...outs.skipped],
    },
    model_size_bytes: model.files.reduce((a, f) => a + f.sizeBytes, 0),
    model_uuid: derivedUuid(`mlflow:${model.sha256}`).replace(/-/g, ''),
    signature: { inputs: pyJson(ins.specs), outputs: pyJson(outs.specs), params: null },
    utc_time_created: mlflowTime(facts.createdAt),
  };
}

export function mlmodelYaml(facts: BundleFacts): string {
  return dump(mlmodel(facts), { sortKeys: true, lineWidth: -1, noRefs: true });
}
