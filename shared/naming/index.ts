// Names Preflight gives when the user gives none, from a file's path. Shared by the core (real paths:
// CLI, desktop) and the renderer (paths inside an uploaded folder), so every host names a file alike.
// Names use letters, digits, ".", "_" and "-" (the contract's rule), so they are safe in a shell.

/** "Prod data (jan) – résumé" → "Prod-data-jan-resume": accents dropped, other runs of symbols → "-". */
export function cleanName(s: string, max = 128): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, max);
}

/** Folders that say nothing about the model in them: an export folder, a Triton version folder. */
const GENERIC_FOLDER = /^(onnx|models?|exports?|outputs?|\d+)$/i;

/**
 * `nets/resnet50.onnx` → `resnet50`. Exporters often call the file `model.onnx`; then its folder names
 * it, skipping generic ones: `resnet50/onnx/model.onnx` and `repo/resnet50/1/model.onnx` → `resnet50`.
 * Accepts `/` and `\` separators.
 */
export function defaultModelName(filePath: string): string {
  const parts = filePath.split(/[\\/]+/).filter(Boolean);
  const base = cleanName((parts.pop() ?? '').replace(/\.onnx$/i, ''));
  if (base.toLowerCase() !== 'model') return base || 'model';
  for (let up = 0; up < 3 && parts.length; up++) {
    const folder = parts.pop()!;
    const name = cleanName(folder);
    if (name && !GENERIC_FOLDER.test(folder)) return name;
  }
  return base;
}

/** `exports/Prod data (jan).csv` → `Prod-data-jan`. */
export function defaultDatasetName(filePath: string): string {
  const file =
    filePath
      .split(/[\\/]+/)
      .filter(Boolean)
      .pop() ?? '';
  return cleanName(file.replace(/\.(csv|tsv|tab|txt|parquet|pq|jsonl|ndjson|json)$/i, '')) || 'dataset';
}

/** Files that are plainly not datasets, by extension, with what they are. */
const NOT_DATASETS: [RegExp, string][] = [
  [/\.onnx$/i, 'an ONNX model'],
  [/\.(ort|pb|pt|pth|tflite|safetensors|h5)$/i, 'a model file'],
];

/**
 * Why a file cannot be imported as a dataset, judged by its name, or null. One message for every
 * host (the CLI, web mode and the desktop app say the same thing about the same file).
 */
export function notADatasetFile(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  for (const [re, what] of NOT_DATASETS) {
    if (re.test(base)) {
      const hint =
        what === 'an ONNX model'
          ? `; register it as a model instead (Models → Add, or \`preflight models add ${base}\`)`
          : '';
      return `${base} is ${what}, not a dataset${hint}. Preflight imports .csv, .tsv, .txt (delimited text), .parquet and .jsonl files`;
    }
  }
  return null;
}
