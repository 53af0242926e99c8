// `preflight <command>`: parses the command line, calls the core through the typed client, prints.
import { createClient } from '../../shared/client';
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
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help' || (name.startsWith('-') && name !== '--version')) {
    const asked = name === '--help' || name === '-h' || name === 'help';
    (asked ? process.stdout : process.stderr).write(`${help()}\n`);
    return asked ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  const json = rest.includes('--json');
  const out = createOutput(json);
  if (!command) return fail(out, new PreflightError('BAD_ARGUMENTS', `unknown command "${name}"; run \`preflight --help\``));
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
    const { values } = parseArgs({ args: rest, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
    const workspaceDir = resolveWorkspaceDir(typeof values.workspace === 'string' ? values.workspace : undefined);
    core = createCore({ workspaceDir });
    const code = await command.run(rest, { client: createClient(inProcessTransport(core)), out, signal: controller.signal, core, workspaceDir });
    out.done();
    return code ?? 0;
  } catch (err) {
    return fail(out, err);
  } finally {
    process.off('SIGINT', onSigint);
    await core?.close();
    // For bench/models-add: the CLI's own peak, apart from its isolated children.
    if (process.env.PREFLIGHT_REPORT_RSS) process.stderr.write(`peak rss of preflight process: ${process.resourceUsage().maxRSS} kB\n`);
  }
}

function fail(out: ReturnType<typeof createOutput>, err: unknown): number {
  const error = toErrorData(err);
  if (out.json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  out.log(`error: ${error.message}`);
  return exitCodeFor(error.code);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = 2;
  },
);
