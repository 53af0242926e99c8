// `preflight <command>`: parses the command line, calls the core through the typed client, prints.
import { createClient, type Transport } from '../../shared/client';
import { exitCodeFor, PreflightError } from '../../shared/contract/errors';
import { createCore, type Core } from '../core/api';
import { toErrorData } from '../core/errors';
import { inProcessTransport } from '../core/in-process';
import { resolveWorkspaceDir } from '../core/workspace/location';
import { APP_VERSION } from '../core/version';
import { GLOBAL_OPTIONS } from './args';
import type { Command } from './command';
import { COMMANDS } from './commands/index';
import { createOutput } from './output';
import { parseArgs } from 'node:util';

function help(): string {
  return [
    `preflight ${APP_VERSION} — offline model-ops workbench`,
    '',
    'usage: preflight <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'every command takes --workspace DIR (or PREFLIGHT_WORKSPACE) and --json',
    'exit codes: 0 ok, 1 a check failed, 2 bad usage or bad input',
    'preflight <command> --help shows its options',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // --json anywhere (or --json=true) means every outcome, usage errors included, is JSON on stdout.
  const json = argv.some((a) => a === '--json' || a === '--json=true');
  const out = createOutput(json);
  // The command is the first word whatever the position of --json; commands see it as a plain flag.
  // `--workspace DIR` may come before the command too (`preflight --workspace ws models list`).
  const words = argv.filter((a) => a !== '--json' && a !== '--json=true');
  // So may it right after the command, before a subcommand (`preflight datasets --workspace ws list`).
  const leading: string[] = [];
  const takeWorkspace = (from: string[]) => {
    while (from[0] === '--workspace' || from[0]?.startsWith('--workspace='))
      leading.push(...from.splice(0, from[0] === '--workspace' ? 2 : 1));
  };
  takeWorkspace(words);
  const [name, ...afterName] = words;
  takeWorkspace(afterName);
  const rest = [...afterName, ...leading, ...(json ? ['--json'] : [])];
  if (name === '--version') {
    process.stdout.write(json ? `${JSON.stringify({ version: APP_VERSION })}\n` : `${APP_VERSION}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help' || name.startsWith('-')) {
    const asked = name === '--help' || name === '-h' || name === 'help';
    if (asked) {
      process.stdout.write(`${help()}\n`);
      return 0;
    }
    if (json) return fail(out, new PreflightError('BAD_ARGUMENTS', 'no command given; run `preflight --help`'));
    process.stderr.write(`${help()}\n`);
    return 2;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    );
    return fail(
      out,
      new PreflightError(
        'BAD_ARGUMENTS',
        `unknown command "${name}"${guess ? `; did you mean \`preflight ${guess}\`?` : ''} (run \`preflight --help\` for the list)`,
      ),
    );
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  const onSigint = () => {
    out.log('cancelling…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let core: Core | null = null;
  try {
    const workspaceDir = resolveWorkspaceDir(workspaceFlag(rest));
    // The workspace opens on the first call, after the command has checked its arguments: a usage
    // error never creates or touches a workspace.
    const openCore = () => (core ??= createCore({ workspaceDir }));
    let transport: Transport | null = null;
    const lazy: Transport = {
      call: (method, args) => (transport ??= inProcessTransport(openCore())).call(method, args),
      subscribe: (listener) => (transport ??= inProcessTransport(openCore())).subscribe(listener),
    };
    const code = await command.run(rest, {
      client: createClient(lazy),
      out,
      signal: controller.signal,
      openCore,
      workspaceDir,
    });
    out.done();
    return code ?? 0;
  } catch (err) {
    return fail(out, err);
  } finally {
    process.off('SIGINT', onSigint);
    await (core as Core | null)?.close();
    // For bench/models-add: the CLI's own peak, apart from its isolated children.
    if (process.env.PREFLIGHT_REPORT_RSS)
      process.stderr.write(`peak rss of preflight process: ${process.resourceUsage().maxRSS} kB\n`);
  }
}

/** The value of --workspace, refusing one that is missing or is another flag (never the default instead). */
function workspaceFlag(args: string[]): string | undefined {
  const { values } = parseArgs({ args, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
  const value = values.workspace;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.startsWith('-')) {
    throw new PreflightError(
      'BAD_ARGUMENTS',
      '--workspace needs a folder, e.g. --workspace ./ws (or set PREFLIGHT_WORKSPACE)',
    );
  }
  return value;
}

/** The command a mistyped one most likely meant (model → models, dataset → datasets, bnech → bench). */
export function didYouMean(word: string, names: string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = n.startsWith(w) || w.startsWith(n) ? Math.abs(n.length - w.length) * 0.5 : editDistance(w, n);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return bestDistance <= (w.length >= 4 ? 2 : 1) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

/**
 * `preflight … | head -1`: the reader went away. That is the user's choice, not an error: stop
 * quietly (no EPIPE stack trace), as Unix tools do.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

function fail(out: ReturnType<typeof createOutput>, err: unknown): number {
  const error = toErrorData(err);
  if (out.json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  out.log(`error: ${error.message}`);
  return exitCodeFor(error.code);
}

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
