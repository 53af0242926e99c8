// Where the desktop app keeps its workspace: --workspace DIR (or --workspace=DIR), then
// PREFLIGHT_WORKSPACE, then Electron's userData folder — the same order the CLI uses.
import { resolveWorkspaceDir } from '../core/workspace/location';

export function workspaceFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--workspace') return argv[i + 1] || undefined;
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || undefined;
  }
  return undefined;
}

export function desktopWorkspaceDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  return resolveWorkspaceDir(workspaceFlag(argv), { ...env, PREFLIGHT_WORKSPACE: env.PREFLIGHT_WORKSPACE || userData });
}
