import { rememberRelativePath } from '../api/relative-paths';

// Dropped folders: the browser hands over one entry per dropped item; a folder's files are read by
// walking its entries. Each file remembers its path inside the drop (`model/data/weights.bin`), so an
// upload keeps the layout a model's external data `location` relies on.

/** The part of DataTransferItem we use: entries must be taken during the drop event itself. */
export interface EntrySource {
  kind: string;
  webkitGetAsEntry(): FileSystemEntry | null;
}

/** Reads the drop's entries now (they vanish after the event); resolves to every file, folders walked. */
export function takeDroppedFiles(items: ArrayLike<EntrySource>, files: ArrayLike<File>): Promise<File[]> {
  const entries = Array.from(items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
  if (!entries.some((e) => e?.isDirectory)) return Promise.resolve(Array.from(files));
  return (async () => {
    const out: File[] = [];
    for (const entry of entries) if (entry) await walk(entry, out);
    return out;
  })();
}

async function walk(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    rememberRelativePath(file, entry.fullPath.replace(/^\/+/, ''));
    out.push(file);
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (about 100 at a time in Chromium) until it answers an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, out);
  }
}
