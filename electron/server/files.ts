import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { httpStatusFor } from '../../shared/contract/errors';
import type { ProducedFile } from '../../shared/types/bundles';
import type { Core } from '../core/api';
import { end } from './static';

// GET /api/files/<id> → a file the core produced (bundle, report), as a download. The core says what
// the id names (files/info); this host only streams it, and only from <workspace>/produced/: a record
// pointing anywhere else is refused, whatever put it there.

/** Same shape the contract accepts for files/info; anything else never reaches the core. */
export const PRODUCED_FILE_ID = /^[a-f0-9-]{8,64}$/;

export async function handleFileDownload(
  req: IncomingMessage,
  res: ServerResponse,
  core: Core,
  id: string,
): Promise<void> {
  if (!PRODUCED_FILE_ID.test(id)) return end(res, 400, 'bad file id');
  const outcome = await core.dispatch('files/info', { id });
  if (!outcome.ok)
    return end(
      res,
      outcome.error.code === 'NOT_FOUND' ? 404 : httpStatusFor(outcome.error.code),
      outcome.error.message,
    );
  const info = outcome.result as ProducedFile;
  const real = insideProduced(core.workspaceDir, info.path);
  if (!real) return end(res, 404, `no produced file ${id} in this workspace`);
  const stat = fs.statSync(real);
  res.writeHead(200, {
    'Content-Type': mediaType(info.mediaType),
    'Content-Length': String(stat.size),
    'Content-Disposition': contentDisposition(info.name || path.basename(real)),
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(fs.createReadStream(real), res);
}

/** The file's real path when it is a regular file under <workspace>/produced/ (symlinks resolved), else null. */
export function insideProduced(workspaceDir: string, file: string): string | null {
  try {
    const root = fs.realpathSync(path.join(workspaceDir, 'produced'));
    const real = fs.realpathSync(file);
    if (!real.startsWith(root + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** A media type as the core recorded it, if it looks like one; bytes otherwise. */
function mediaType(value: string): string {
  return /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/.test(value) ? value : 'application/octet-stream';
}

/**
 * RFC 6266 with an RFC 5987 `filename*` for names outside plain ASCII: the quoted `filename` keeps only
 * printable ASCII without quotes or backslashes, so no name can break out of the header.
 */
export function contentDisposition(name: string): string {
  const base = name.replace(/[/\\]/g, '_');
  const ascii = base.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === base
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
