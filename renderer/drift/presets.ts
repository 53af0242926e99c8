import type { ColumnInfo } from '../../shared/types/datasets';
import type { ErrorData } from '../../shared/contract/errors';

// What the drift form can be opened with, and the pure rules behind its choices.

/** `#/drift/new/DATASET` (a dataset's "Compare with…") and `#/drift/for-model/NAME@V` (a model's "Check drift"). */
export function presetFromRoute(segments: string[]): { dataset?: string; model?: string } {
  if (segments[1] === 'new' && segments[2]) return { dataset: segments[2] };
  if (segments[1] === 'for-model' && segments[2]) return { model: segments[2] };
  return {};
}

const PRODUCTION = /(^|[^a-z])(prod|production|current|live|serving|scored|inference|batch|online|recent)([^a-z]|$)/i;
const TRAINING = /(^|[^a-z])(train|training|reference|baseline|ref|fit)([^a-z]|$)/i;

/** A name that says the data came from production (what is compared), not from training (what it is compared with). */
export const looksLikeProduction = (name: string) => PRODUCTION.test(name) && !TRAINING.test(name);
export const looksLikeTraining = (name: string) => TRAINING.test(name);

/**
 * Where "Compare with…" puts a dataset: production data is the *current* side, and then a training-looking
 * dataset (if there is exactly one obvious one) is proposed as the reference; anything else is the reference.
 */
export function placeDataset(name: string, all: string[]): { reference: string | null; current: string | null } {
  if (!looksLikeProduction(name)) return { reference: name, current: null };
  const training = all.filter((d) => d !== name && looksLikeTraining(d));
  return { reference: training.length === 1 ? training[0] : null, current: name };
}

/** Epoch seconds or milliseconds from 1971 to 2100: the numbers the core accepts as a time column. */
const EPOCH_S = [31_536_000, 4_102_444_800];
const seconds = (x: number) => (Math.abs(x) < 1e11 ? x : x / 1000);
const epochLike = (x: number) => seconds(x) >= EPOCH_S[0] && seconds(x) <= EPOCH_S[1];

/** Columns that can place rows in time: datetime columns, and integers that are plausible epoch timestamps. */
export function timeColumns(columns: ColumnInfo[]): { name: string; label: string }[] {
  return columns.flatMap((c) => {
    if (c.kind === 'datetime') return [{ name: c.name, label: c.name }];
    const n = c.profile.numeric;
    if (c.kind === 'integer' && n && epochLike(n.min) && epochLike(n.max))
      return [{ name: c.name, label: `${c.name} (epoch ${Math.abs(n.max) < 1e11 ? 'seconds' : 'milliseconds'})` }];
    return [];
  });
}

export type DriftField = 'reference' | 'current' | 'timeColumn' | 'window' | 'model' | 'mapping';

/** The form field an error is about, from the contract's issue path or the core's wording. */
export function fieldOfError(error: unknown): DriftField | null {
  const e = error as Partial<ErrorData> | null;
  if (!e || typeof e.message !== 'string') return null;
  const issues = e.details?.issues as { path?: unknown[] }[] | undefined;
  const first = Array.isArray(issues) ? issues[0]?.path?.[0] : undefined;
  const fields: DriftField[] = ['reference', 'current', 'timeColumn', 'window', 'model', 'mapping'];
  if (typeof first === 'string' && (fields as string[]).includes(first)) return first as DriftField;
  const m = e.message.replace(/^drift\/run: /, '');
  if (/^time column|timeColumn|needs a time column/i.test(m)) return 'timeColumn';
  if (/^window/i.test(m)) return 'window';
  if (/^mapping|model input|has no input/i.test(m)) return 'mapping';
  if (/^model /i.test(m)) return 'model';
  if (/^reference/i.test(m)) return 'reference';
  if (/^current/i.test(m)) return 'current';
  return null;
}

/**
 * The column names of a file not yet imported, from its first line (CSV, TSV, JSON Lines); kinds are
 * only known after import, so the core checks the chosen one then. Null when the header cannot be read here.
 */
export async function fileColumns(file: File): Promise<string[] | null> {
  const head = await file.slice(0, 64 * 1024).text();
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (/\.(jsonl|ndjson)$/i.test(file.name)) {
    try {
      return Object.keys(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return null;
    }
  }
  if (!/\.(csv|tsv|tab|txt)$/i.test(file.name)) return null;
  const delimiter = ['\t', ';', '|', ','].reduce(
    (best, d) => (line.split(d).length > line.split(best).length ? d : best),
    ',',
  );
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
