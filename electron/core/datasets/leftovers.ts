// Staging tables left by imports that died (a killed process cannot drop its own). Its own small module:
// every core runs it when it opens the workspace, before any domain's code is loaded (handlers.ts).
import type { CoreContext } from '../context';
import { isAlive } from '../jobs/pid';

/** Staging tables of imports running in this process (never dropped as leftovers). */
export const ACTIVE = new Set<string>();

/**
 * Staging tables whose importing process is gone: a killed import leaves one, never a dataset. Run
 * when a core opens the workspace and before each import; a live process's staging is never touched.
 */
export function dropLeftovers(core: CoreContext): void {
  for (const t of core.queries.datasets.orphanStagingTables(ACTIVE)) {
    const pid = parseInt(t.slice('ds_staging_'.length, 'ds_staging_'.length + 8), 16);
    if (pid !== process.pid && isAlive(pid)) continue;
    try {
      core.queries.datasets.dropTable(t);
    } catch {
      /* a file another process still has open (Windows): tried again by the next core that opens the workspace */
    }
  }
}

/**
 * Drops a failed or cancelled import's own tables. A table the workspace will not let go of (another
 * writer past the busy timeout) is left to `dropLeftovers`, once no longer in ACTIVE: the user sees
 * the import's own error, never the cleanup's.
 */
export function dropFailedImport(core: CoreContext, tables: readonly (string | null)[]): void {
  for (const t of tables) {
    if (t === null) continue;
    try {
      core.queries.datasets.dropTable(t);
    } catch {
      /* dropped as a leftover by the next import or the next core to open the workspace */
    }
  }
}
