// A column's kind, notes and profile once every row is in: the kind from its classes' counts (or
// --type), and the notes that say why (missing-value words, text among numbers, NaN/inf spellings).
import type { ColumnInfo, ColumnKind } from '../../../shared/types/datasets';
import { decideKind, FLOAT, INT, missingWordsNote, NA_WORD, NAN, NEGINF, POSINF, TEXT } from './infer';
import type { ColumnAccumulator } from './profile';

/** What the import saw of a column besides its accumulator. */
export interface ColumnFacts {
  name: string;
  /** Notes from the header (a renamed column…). */
  notes: string[];
  /** The kind `--type` gives it. */
  override: ColumnKind | undefined;
  /** Its first text value and that value's line. */
  firstText: { value: string; line: number } | undefined;
  /** Its first missing-value word ("NA"…). */
  firstWord: string | undefined;
}

export function describeColumn(a: ColumnAccumulator, rows: number, facts: ColumnFacts): Omit<ColumnInfo, 'ordinal'> {
  const inferred = decideKind(a.counts, facts.firstWord);
  const override = facts.override;
  const kind = override ?? inferred.kind;
  // Missing-value words are missing in a typed column, text in a categorical one (inferred, or declared by --type).
  const wordsMissing = override === undefined ? inferred.wordsMissing : override !== 'categorical';
  const words = a.counts[NA_WORD];
  const notes = [...facts.notes];
  if (inferred.note && (words === 0 || inferred.wordsMissing === wordsMissing)) notes.push(inferred.note);
  else if (words > 0 && wordsMissing) notes.push(missingWordsNote(words, facts.firstWord ?? 'NA'));
  if (kind !== inferred.kind) notes.push(`kind set to ${kind} by --type (inferred ${inferred.kind})`);
  if (inferred.kind === 'categorical' && a.counts[TEXT] > 0 && a.counts[INT] + a.counts[FLOAT] > 0) {
    const first = facts.firstText;
    const where = first ? ` (first: ${JSON.stringify(first.value.slice(0, 40))} on line ${first.line})` : '';
    notes.push(
      `${a.counts[TEXT].toLocaleString('en-US')} non-numeric value(s) among ${(a.counts[INT] + a.counts[FLOAT]).toLocaleString('en-US')} numbers${where}: kept as text`,
    );
  }
  if (a.counts[NAN] + a.counts[POSINF] + a.counts[NEGINF] > 0 && kind === 'categorical')
    notes.push('NaN/inf spellings are counted separately');
  return { name: facts.name, kind, inferredKind: inferred.kind, notes, profile: a.finish(rows, kind, wordsMissing) };
}
