// Files picked or dropped as part of a folder keep their path inside it; uploads and names use it.

/** Where a file sat inside a folder the user dropped or picked (`model/data/weights.bin`). */
const relativePaths = new WeakMap<File, string>();

export function rememberRelativePath(file: File, relative: string): void {
  relativePaths.set(file, relative);
}

/** The name a file is uploaded under: its path inside a dropped or picked folder, else its name. */
export function relativePathOf(file: File): string {
  return relativePaths.get(file) || file.webkitRelativePath || file.name;
}
