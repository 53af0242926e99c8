import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { PreflightError } from '../../../../shared/contract/errors';
import { normalizeNames } from '../names';
import type { DatasetSink } from '../sink';
import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer';
import { READ_BYTES, Utf8Checker, detectEncoding, sniffDelimiter } from './text-file';
import type { ReadOptions, ReadResult } from './types';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

/**
 * CSV/TSV: streamed in 64 KiB reads, each read's rows handed to the insert thread (insert-pipe.ts,
 * which commits every 32k rows) while the next read is parsed. The first record is the header (after
 * an Excel "sep=" line). Ragged rows are an error naming the line (padding them would invent values).
 */
export async function readDelimited(
  file: string,
  sink: DatasetSink,
  options: ReadOptions,
  preferred = ',',
): Promise<ReadResult> {
  const text = await detectEncoding(file, options.signal, options.encoding);
  const checker = new Utf8Checker(file, text.encoding === 'utf8');
  const { delimiter, sepLine } = await sniffDelimiter(file, text.encoding, preferred);
  const decoder = new StringDecoder(text.encoding);
  let header = true;
  let skipSep = sepLine;
  const tokenizer = new CsvTokenizer(delimiter.charCodeAt(0), (count, line) => {
    if (!header) return sink.pushText(tokenizer, count, line);
    if (skipSep) {
      skipSep = false;
      return;
    }
    header = false;
    const { names, notes } = normalizeNames(Array.from({ length: count }, (_, i) => tokenizer.value(i)));
    sink.addColumns(names, notes);
    sink.checkTypeNames();
    tokenizer.skipBlankLines = count > 1;
  });
  // Runs of records the native scanner splits go to the sink whole (its column-by-column path).
  tokenizer.onScanned = (records) => !header && sink.pushScanned(tokenizer, records);
  let bytes = 0;
  let first = true;
  const target = await options.chunkTarget();
  sink.useChunks(target);
  const stream = fs.createReadStream(file, { highWaterMark: READ_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal.aborted) throw new PreflightError('CANCELLED', 'datasets/add was cancelled');
      const size = chunk.length;
      checker.check(chunk);
      let s = decoder.write(chunk);
      options.onChunk?.(chunk); // last: the bytes may move to the insert thread
      if (first) {
        first = false;
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      tokenizer.feed(s);
      await sink.endChunk(tokenizer.buffer);
      bytes += size;
      options.onBytes(bytes);
    }
    checker.end();
    const tail = decoder.end();
    if (tail) {
      tokenizer.feed(tail);
      await sink.endChunk(tokenizer.buffer);
    }
    tokenizer.end();
    await sink.endChunk(tokenizer.buffer);
    await sink.finishChunks();
  } catch (err) {
    await target.abort();
    if (err instanceof CsvSyntaxError)
      throw new PreflightError('INVALID_INPUT', err.message, { line: err.line, column: err.column });
    throw err;
  } finally {
    stream.destroy();
  }
  if (header) throw new PreflightError('INVALID_INPUT', 'the file is empty (no header line)');
  const notes: string[] = [];
  if (sepLine) notes.push(`the first line (sep=${delimiter}) names the delimiter`);
  if (tokenizer.blankLines > 0) notes.push(`${tokenizer.blankLines.toLocaleString('en-US')} blank line(s) skipped`);
  return { encoding: text.label, delimiter: DELIMITER_NAMES[delimiter] ?? delimiter, notes };
}
