import { useState } from 'react';

/** Copies a value (a hash, a path) and says so; falls back to selecting text where the clipboard is refused. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <button type="button" className="button-small button-quiet" onClick={copy} aria-label={label} title={label}>
      {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy refused' : 'Copy'}
    </button>
  );
}
