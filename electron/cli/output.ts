import type { JobProgress } from '../../shared/contract/events';

/** Results go to stdout; progress and logs to stderr, so `--json` output can be piped. */
export interface Output {
  json: boolean;
  result(value: unknown, human: () => string): void;
  progress(p: JobProgress): void;
  log(message: string): void;
  done(): void;
}

/** Not a terminal: progress lines start once a job has run this long. */
const QUIET_MS = 300;

export function createOutput(json: boolean, stdout = process.stdout, stderr = process.stderr): Output {
  const tty = Boolean(stderr.isTTY);
  let lastLine = '';
  let lastPrint = 0;
  let firstProgress = 0;
  const clear = () => {
    if (tty && lastLine) stderr.write('\r\x1b[K');
    lastLine = '';
  };
  return {
    json,
    result(value, human) {
      clear();
      stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(p) {
      const pct =
        p.fraction === null
          ? ''
          : `${Math.round(p.fraction * 100)
              .toString()
              .padStart(3)}% `;
      const line = `${bar(p.fraction)} ${pct}${p.message}`;
      if (tty) {
        stderr.write(`\r\x1b[K${line.slice(0, (stderr.columns ?? 100) - 1)}`);
        lastLine = line;
      } else {
        // Not a terminal (CI logs): a line a second at most, and none for a job that ends (or fails:
        // its error is then the one line) within QUIET_MS.
        const now = Date.now();
        firstProgress ||= now;
        if (now - firstProgress >= QUIET_MS && (now - lastPrint > 1000 || p.fraction === 1)) {
          stderr.write(`${line}\n`);
          lastPrint = now;
        }
      }
    },
    log(message) {
      clear();
      stderr.write(`${message}\n`);
    },
    done: clear,
  };
}

function bar(fraction: number | null): string {
  if (fraction === null) return '[' + '·'.repeat(20) + ']';
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * 20);
  return '[' + '#'.repeat(full) + '-'.repeat(20 - full) + ']';
}
