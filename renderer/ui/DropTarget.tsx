import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { takeDroppedFiles } from './dropped-files';

interface DropTargetProps {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  /** What dropping does, and what may be dropped: shown while files are dragged over the screen. */
  title: string;
  hint: string;
  testId?: string;
  /** Dropped folders are walked, and each file keeps its path inside them (a model and its data/ folder). */
  folders?: boolean;
  children: ReactNode;
}

/**
 * A whole screen that accepts dropped files. A counter, not a boolean, because dragenter/dragleave
 * fire for every child element the pointer crosses.
 */
export function DropTarget({ onFiles, disabled, title, hint, testId, folders, children }: DropTargetProps) {
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

  return (
    <div
      className="drop-target"
      data-testid={testId}
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
        if (disabled) return;
        if (!folders) return onFiles(Array.from(e.dataTransfer.files));
        takeDroppedFiles(e.dataTransfer.items, e.dataTransfer.files).then(onFiles, () =>
          onFiles(Array.from(e.dataTransfer.files)),
        );
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-box">
            <strong>{title}</strong>
            <span>{hint}</span>
          </div>
        </div>
      )}
    </div>
  );
}
