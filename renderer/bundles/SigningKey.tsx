import { host } from '../api/client';
import { FilePickerButton } from '../ui/index';

/** null: unsigned. A File: the private key to sign with (its text is sent in web mode, its path on the desktop). */
export type SigningChoice = File | null;

export function SigningKey({
  value,
  onChange,
  disabled,
}: {
  value: SigningChoice;
  onChange: (v: SigningChoice) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset className="bundle-fieldset">
      <legend>Signature</legend>
      <div className="bundle-row">
        {value ? (
          <span>
            signed with <code data-testid="bundle-key-name">{value.name}</code>
          </span>
        ) : (
          <span className="badge badge-warn">unsigned</span>
        )}
        <FilePickerButton
          label={value ? 'Choose another key…' : 'Choose private key…'}
          accept=".pem,.key"
          ariaLabel="Private signing key (.pem)"
          testId="bundle-signing-key"
          primary={false}
          disabled={disabled}
          onFiles={(files) => files[0] && onChange(files[0])}
        />
        {value && (
          <button type="button" onClick={() => onChange(null)} disabled={disabled}>
            Export unsigned
          </button>
        )}
      </div>
      {value === null ? (
        <p className="bundle-note-inline">
          <strong>Unsigned.</strong> Ops can check every file against the manifest but not who produced it:{' '}
          <code>preflight verify --key</code> fails on an unsigned bundle. Make a key pair with{' '}
          <code>preflight keys generate --out DIR</code> and sign with its <code>.key.pem</code>.
        </p>
      ) : (
        <p className="muted">
          ECDSA P-256 private key (PEM), as <code>preflight keys generate</code> writes it; give ops the matching{' '}
          <code>.pub.pem</code>.
          {host === 'web'
            ? " In web mode the key's text goes with the export request only: it is not uploaded as a file and the server stores nothing of it."
            : ''}
        </p>
      )}
    </fieldset>
  );
}
