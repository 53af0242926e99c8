import { useRef, useState, type DragEvent, type ReactNode } from 'react';

/**
 * The whole Datasets screen accepts dropped files (the Models screen's pattern, with its own words).
 * A counter, not a boolean, because dragenter/dragleave fire for every child element the pointer crosses.
 */
export function DropTarget({ onFiles, disabled, children }: { onFiles: (files: File[]) => void; disabled?: boolean; children: ReactNode }) {
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

  return (
    <div
      className="ds-drop-target"
      data-testid="dataset-drop-target"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth.current += 1;
        setOver(true);
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        if (!disabled) onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
      {over && (
        <div className="ds-drop-overlay" aria-hidden="true">
          <div className="ds-drop-overlay-box">
            <strong>Drop to import the file</strong>
            <span>a .csv, .tsv, .txt, .parquet or .jsonl file: each becomes a dataset</span>
          </div>
        </div>
      )}
    </div>
  );
}
