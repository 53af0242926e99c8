import { PreflightError } from '../../shared/contract/errors';
import { getBridge } from './bridge';

// Files go out the way they come in: once. The core writes a produced file (bundle, report) and
// returns its id; here the user gets it — web mode as a browser download of GET /api/files/<id>
// (electron/server/files.ts), the desktop app through the native save dialog (electron/main/save-file.ts).

/**
 * Hands a produced file to the user. Resolves to where it went: the saved path on the desktop, the
 * download's name in web mode (the browser decides the folder), or null when the user cancelled the
 * save dialog. Rejects with a PreflightError when the file is gone or cannot be written.
 */
export async function saveProducedFile(fileId: string, name: string): Promise<string | null> {
  const bridge = getBridge();
  if (bridge) {
    if (!bridge.saveFile)
      throw new PreflightError('INTERNAL', 'this version of the desktop app cannot save files; update it');
    const outcome = await bridge.saveFile(fileId);
    if (!outcome.ok) throw PreflightError.fromData(outcome.error);
    return outcome.result;
  }
  downloadUrl(`/api/files/${encodeURIComponent(fileId)}`, name);
  return name;
}

/** A same-origin download: the HttpOnly cookie authenticates it, the server's Content-Disposition names it. */
function downloadUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
