// Column names are kept verbatim (they are data, never SQL). Only two repairs, each with a visible note:
// an empty name becomes column_<n>, and a repeated name gets a suffix (_2, _3…) so every column can be
// addressed by name (drift matches columns by name).

export function normalizeNames(raw: string[], taken: Iterable<string> = []): { names: string[]; notes: string[][] } {
  const used = new Set(taken);
  const names: string[] = [];
  const notes: string[][] = [];
  const offset = used.size;
  raw.forEach((original, i) => {
    const position = offset + i + 1;
    const note: string[] = [];
    let name = original;
    if (name.trim() === '') {
      name = `column_${position}`;
      note.push(`the file gives no name for column ${position}; named ${name}`);
    }
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      note.push(
        `the name ${JSON.stringify(name)} appears more than once; this column (${position}) is named ${JSON.stringify(`${name}_${k}`)}`,
      );
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
    notes.push(note);
  });
  return { names, notes };
}
