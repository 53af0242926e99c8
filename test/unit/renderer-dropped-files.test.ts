// Dropped folders in the renderer: every file inside is found (readEntries answers in batches), each
// keeps its path inside the drop; default names (shared by every host) come from those paths.
import { describe, expect, it } from 'vitest';
import { relativePathOf } from '../../renderer/api/relative-paths';
import { defaultDatasetName, defaultModelName } from '../../shared/naming/index';
import { takeDroppedFiles, type EntrySource } from '../../renderer/ui/dropped-files';

/** A stand-in for the browser's FileSystemEntry tree: `{ 'a.onnx': 'bytes', data: { 'w.bin': '…' } }`. */
type Tree = { [name: string]: string | Tree };

function entry(name: string, node: string | Tree, parent: string): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (f: File) => void) => ok(new File([node], name)),
    } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([n, c]) => entry(n, c, fullPath));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      let at = 0;
      // Two entries per answer, like Chromium's batches of ~100: the walk must keep asking.
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) => setTimeout(() => ok(children.slice(at, (at += 2))), 0),
      };
    },
  } as unknown as FileSystemEntry;
}

const items = (entries: (FileSystemEntry | null)[]): EntrySource[] =>
  entries.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e }));

describe('dropped folders', () => {
  it('walks a dropped folder in batches and keeps each file’s path inside it', async () => {
    const tree: Tree = {
      'model.onnx': 'm',
      data: { 'w1.bin': '1', 'w2.bin': '2', 'w3.bin': '3', deeper: { 'w4.bin': '4' } },
      'README.md': 'r',
    };
    const files = await takeDroppedFiles(items([entry('resnet', tree, '')]), []);
    expect(files.map(relativePathOf).sort()).toEqual([
      'resnet/README.md',
      'resnet/data/deeper/w4.bin',
      'resnet/data/w1.bin',
      'resnet/data/w2.bin',
      'resnet/data/w3.bin',
      'resnet/model.onnx',
    ]);
    expect(await files.find((f) => f.name === 'w4.bin')!.text()).toBe('4');
  });

  it('hands plain files over as they are when no folder was dropped', async () => {
    const plain = [new File(['x'], 'a.onnx'), new File(['y'], 'a.bin')];
    const files = await takeDroppedFiles(items([entry('a.onnx', 'x', ''), entry('a.bin', 'y', '')]), plain);
    expect(files).toEqual(plain);
    expect(files.map(relativePathOf)).toEqual(['a.onnx', 'a.bin']);
  });

  it('names a generic model.onnx after its folder, skipping generic folders, the same in every host', () => {
    expect(defaultModelName('resnet50/onnx/model.onnx')).toBe('resnet50');
    expect(defaultModelName('/srv/triton/fraud/1/model.onnx')).toBe('fraud');
    expect(defaultModelName('C:\\exports\\bert base\\Model.onnx')).toBe('bert-base');
    expect(defaultModelName('bundle/encoder.onnx')).toBe('encoder');
    expect(defaultModelName('model.onnx')).toBe('model');
    expect(defaultModelName('/tmp/résumé.onnx')).toBe('resume');
    expect(defaultDatasetName('/data/Prod data (jan).csv')).toBe('Prod-data-jan');
    expect(defaultDatasetName('données.parquet')).toBe('donnees');
  });
});
