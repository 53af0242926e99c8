import { useRef, type ChangeEvent } from 'react';

interface FilePickerButtonProps {
  label: string;
  accept: string;
  /** Names the hidden input for assistive technology and tests. */
  ariaLabel: string;
  testId?: string;
  primary?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/** A button that opens the OS file chooser (several files at once). */
export function FilePickerButton({ label, accept, ariaLabel, testId, primary = true, disabled, onFiles }: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ''; // choosing the same file again must fire change again
    onFiles(files);
  };
  return (
    <>
      <button type="button" className={primary ? 'button-primary' : undefined} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </button>
      <input ref={input} type="file" accept={accept} multiple className="visually-hidden" tabIndex={-1} aria-label={ariaLabel} data-testid={testId} onChange={onChange} />
    </>
  );
}
