import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childTempDir, sweepChildTempDirs } from './child-temp';

/**
 * A process that runs native model code. Hosts choose how it is started: CLI and web mode fork Node;
 * Electron asks the main process for a utilityProcess (runAsNode is fused off there).
 */
export interface ChildPort {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** The end of what the child wrote to stderr (native libraries' chatter, a crash's last words). */
  stderrTail?(): string;
}

export type Launcher = () => ChildPort;

export function nodeLauncher(entry = childEntryPath()): Launcher {
  sweepChildTempDirs();
  return () => {
    const temp = childTempDir();
    const child = fork(entry, [], {
      env: temp.env, // scratch files of native libraries land in a folder removed at exit
      serialization: 'advanced', // typed arrays cross without JSON
      // stderr is kept, not shown: native libraries chatter there (Dawn's "Couldn't load Vulkan"),
      // and its end explains a crash.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [],
    });
    child.on('close', () => temp.remove());
    child.on('error', () => child.pid === undefined && temp.remove());
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      tail = (tail + chunk).slice(-4000);
    });
    // A failed spawn or a send to a dead child emits 'error'; unhandled, it would take the host down.
    // The child's 'close' follows and settles the task as CHILD_CRASHED.
    child.on('error', (err) => {
      tail = `${tail}\n${err.message}`.slice(-4000);
    });
    return {
      stderrTail: () => tail,
      send: (m) => {
        if (child.connected) child.send(m as never);
      },
      onMessage: (l) => void child.on('message', l),
      onExit: (l) => {
        child.on('close', (code, signal) => l(code, signal)); // after stderr is drained
        child.on('error', () => child.pid === undefined && l(null, 'spawn failed')); // no process: no 'close' to wait for
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}

/** dist/node/child.mjs beside the bundled host, or the built copy when running from sources (tests). */
export function childEntryPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'child.mjs');
  if (fs.existsSync(beside)) return beside;
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'dist', 'node', 'child.mjs');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('dist/node/child.mjs not found: run `npm run build` first');
}
