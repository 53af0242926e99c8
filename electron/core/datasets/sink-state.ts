// The state of a part's sink (a part imported in a child process, parts-import.ts): what crosses the
// process boundary, and the fold of the parts' states into the state of the whole.
import type { AccumulatorState } from './accumulator-state';
import { capsFor, ColumnAccumulator } from './profile';

/**
 * Parts' states folded into one, in row order (the parent folds each part in as the parts before it
 * are in, so it holds one state and the few parts that finished early, not every part's sample).
 * The merge is associative: a uniform sample of the first parts is a uniform sample of a bigger part.
 */
export function foldSinkStates(parts: SinkState[], random: () => number): SinkState {
  const first = parts[0];
  const caps = capsFor(first.names.length);
  const each = <T>(f: (i: number) => T): T[] => first.names.map((_, i) => f(i));
  return {
    rows: parts.reduce((s, p) => s + p.rows, 0),
    names: first.names,
    notes: first.notes,
    acc: each((i) =>
      ColumnAccumulator.merge(
        parts.map((p) => p.acc[i]),
        caps,
        random,
      ).state(),
    ),
    firstText: each((i) => parts.find((p) => p.firstText[i])?.firstText[i]),
    firstWord: each((i) => parts.find((p) => p.firstWord[i])?.firstWord[i]),
    chunked: each((i) => parts.every((p) => p.chunked[i])),
  };
}

/** A part's sink, sent from the child process that imported it (DatasetSink#partState). */
export interface SinkState {
  rows: number;
  names: string[];
  notes: string[][];
  acc: AccumulatorState[];
  firstText: ({ value: string; line: number } | undefined)[];
  firstWord: (string | undefined)[];
  chunked: boolean[];
}
