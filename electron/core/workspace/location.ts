import os from 'node:os';
import path from 'node:path';

/**
 * The OS user-data folder, matching Electron's app.getPath('userData') for an app named "Preflight",
 * so the desktop app, the CLI and web mode share one workspace by default.
 */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Preflight');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Preflight');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Preflight');
}

/** --workspace wins over PREFLIGHT_WORKSPACE, which wins over the OS default. */
export function resolveWorkspaceDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.PREFLIGHT_WORKSPACE || defaultWorkspaceDir(env);
  return path.resolve(chosen);
}

export const WORKSPACE_FILE = 'workspace.sqlite';
