import { useEffect, useRef, type ChangeEvent } from 'react';

interface FilePickerButtonProps {
  label: string;
  accept: string;
  /** Names the hidden input for assistive technology and tests. */
  ariaLabel: string;
  testId?: string;
  primary?: boolean;
  disabled?: boolean;
  /** Chooses a folder instead of files: every file inside it, each knowing its path in the folder. */
  directory?: boolean;
  onFiles: (files: File[]) => void;
}

/** A button that opens the OS file chooser (several files at once, or one folder). */
export function FilePickerButton({
  label,
  accept,
  ariaLabel,
  testId,
  primary = true,
  disabled,
  directory,
  onFiles,
}: FilePickerButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  // React has no prop for it: the folder chooser is the (universally supported) webkitdirectory attribute.
  useEffect(() => {
    if (directory) input.current?.setAttribute('webkitdirectory', '');
    else input.current?.removeAttribute('webkitdirectory');
  }, [directory]);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    e.target.value = ''; // choosing the same file again must fire change again
    onFiles(files);
  };
  return (
    <>
      <button
        type="button"
        className={primary ? 'button-primary' : undefined}
        onClick={() => input.current?.click()}
        disabled={disabled}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={directory ? undefined : accept}
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label={ariaLabel}
        data-testid={testId}
        onChange={onChange}
      />
    </>
  );
}
