// The desktop half of "a produced file goes back to the user": the page sends only the file's id; main
// asks the core what it is (files/info), shows the native save dialog with the suggested name, and
// copies the file where the user chose. Web mode does the same as a download (electron/server/files.ts).
// Takes structural dependencies, so it is tested without Electron.
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorData } from '../../shared/contract/errors';
import type { ProducedFile } from '../../shared/types/bundles';
import type { DispatchOutcome } from '../core/api';
import { CHANNELS, isProducedFileId } from '../preload/channels';
import { isTrustedSender, type IpcInvokeEventLike, type IpcMainLike } from './ipc';

/** What the page gets back: the saved path, null when the user cancelled, or an error as data. */
export type SaveFileOutcome = { ok: true; result: string | null } | { ok: false; error: ErrorData };

export interface SaveFileDeps {
  call(method: string, args: unknown): Promise<DispatchOutcome>;
  /** The workspace the core has open: files are only ever copied from its produced/ folder. */
  workspaceDir: string;
  /** Shows the native save dialog for the window that asked; resolves to the chosen path or null. */
  showSaveDialog(file: { name: string; mediaType: string }, event: IpcInvokeEventLike): Promise<string | null>;
}

const failed = (code: ErrorData['code'], message: string): SaveFileOutcome => ({ ok: false, error: { code, message } });

export function registerSaveFile(ipc: IpcMainLike, deps: SaveFileDeps): () => void {
  ipc.handle(CHANNELS.saveFile, async (event, id): Promise<SaveFileOutcome> => {
    if (!isTrustedSender(event)) return failed('FORBIDDEN', 'save refused: it did not come from the Preflight window');
    if (!isProducedFileId(id)) return failed('BAD_ARGUMENTS', 'save refused: not a produced-file id');
    const info = await deps.call('files/info', { id });
    if (!info.ok) return info;
    const file = info.result as ProducedFile;
    const source = insideProduced(deps.workspaceDir, file.path);
    if (!source) return failed('NOT_FOUND', `no produced file ${id} in this workspace`);
    const dest = await deps.showSaveDialog({ name: file.name, mediaType: file.mediaType }, event);
    if (!dest) return { ok: true, result: null };
    try {
      await copyAtomically(source, dest);
    } catch (err) {
      return failed(
        'BAD_ARGUMENTS',
        `could not save ${path.basename(dest)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    return { ok: true, result: dest };
  });
  return () => ipc.removeHandler(CHANNELS.saveFile);
}

/** The real path when `file` is a regular file under <workspace>/produced/ (symlinks resolved), else null. */
export function insideProduced(workspaceDir: string, file: string): string | null {
  try {
    const root = fs.realpathSync(path.join(workspaceDir, 'produced'));
    const real = fs.realpathSync(file);
    return real.startsWith(root + path.sep) && fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** Copies beside the destination, then renames: a failed copy never leaves half a file under the chosen name. */
async function copyAtomically(source: string, dest: string): Promise<void> {
  const partial = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.partial`);
  try {
    await fs.promises.copyFile(source, partial);
    await fs.promises.rename(partial, dest);
  } catch (err) {
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
}

/** Save-dialog filters for a produced file's media type. */
export function saveFilters(name: string, mediaType: string): { name: string; extensions: string[] }[] {
  const ext = path.extname(name).slice(1);
  const label = mediaType === 'application/zip' ? 'Zip archives' : ext ? `${ext.toUpperCase()} files` : 'Files';
  return ext
    ? [
        { name: label, extensions: [ext] },
        { name: 'All files', extensions: ['*'] },
      ]
    : [{ name: 'All files', extensions: ['*'] }];
}
