import { useCallback, useState } from 'react';
import type { BundleSummary } from '../../shared/types/bundles';
import { host } from '../api/client';
import { saveProducedFile } from '../api/save-file';
import { href } from '../router/index';
import { CopyButton, ErrorBox, formatBytes, shortHash } from '../ui/index';
import { modelLabel } from './format';

/** The file name a bundle is offered under: the name the core gave it. */
export function bundleFileName(bundle: BundleSummary): string {
  return bundle.path.split(/[\\/]/).pop() || `${bundle.model.name}-${bundle.model.version}.bundle.zip`;
}

export type SaveState =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; where: string }
  | { state: 'cancelled' }
  | { state: 'failed'; error: unknown };

/** Hands a file the core produced to the user (download or save dialog) and remembers how that went. */
export function useSaveFile() {
  const [status, setStatus] = useState<SaveState>({ state: 'idle' });
  const save = useCallback(async (fileId: string, name: string) => {
    setStatus({ state: 'saving' });
    try {
      const where = await saveProducedFile(fileId, name);
      setStatus(where === null ? { state: 'cancelled' } : { state: 'saved', where });
    } catch (error) {
      setStatus({ state: 'failed', error });
    }
  }, []);
  return { status, save, reset: useCallback(() => setStatus({ state: 'idle' }), []) };
}

/** useSaveFile for an exported bundle, under the name the core gave it. */
export function useSaveBundle() {
  const { status, save: saveFile, reset } = useSaveFile();
  const save = useCallback(
    async (bundle: BundleSummary) => {
      if (bundle.fileId) await saveFile(bundle.fileId, bundleFileName(bundle));
    },
    [saveFile],
  );
  return { status, save, reset };
}

/** How the last save went: starting, where it went, not saved (`cancelled` says what then), or the error. */
export function SaveStatus({
  status,
  cancelled,
  failedTitle,
  onDismiss,
}: {
  status: SaveState;
  cancelled: string;
  failedTitle: string;
  onDismiss?: () => void;
}) {
  return (
    <>
      {status.state === 'saving' && (
        <p className="muted">{host === 'web' ? 'Starting the download…' : 'Choose where to save it…'}</p>
      )}
      {status.state === 'saved' && (
        <p role="status">
          {host === 'web' ? (
            <>
              Downloading <code>{status.where}</code> (your browser's download folder).
            </>
          ) : (
            <>
              Saved to <code>{status.where}</code>.
            </>
          )}
        </p>
      )}
      {status.state === 'cancelled' && <p className="muted">{cancelled}</p>}
      {status.state === 'failed' && <ErrorBox title={failedTitle} error={status.error} onDismiss={onDismiss} />}
    </>
  );
}

/** After an export: what was written, where it went, and a way to save it again. */
export function SaveOutcome({ bundle, saver }: { bundle: BundleSummary; saver: ReturnType<typeof useSaveBundle> }) {
  const { status } = saver;
  return (
    <div className="bundle-done" role="status" data-testid="bundle-exported">
      <p>
        <strong>Exported {modelLabel(bundle.model)}</strong> — {formatBytes(bundle.bytes)}, sha256{' '}
        <span className="mono">{shortHash(bundle.sha256)}</span>{' '}
        <CopyButton value={bundle.sha256} label="Copy the bundle's SHA-256" />,{' '}
        {bundle.signed ? (
          <>
            signed (key <span className="mono">{shortHash(bundle.keyFingerprint ?? '')}</span>)
          </>
        ) : (
          'unsigned'
        )}
        , in {bundle.exportSeconds.toFixed(1)} s.
      </p>
      <SaveStatus
        status={status}
        cancelled="Not saved. It stays in the workspace: save it from here or from the list."
        failedTitle="The bundle could not be saved"
      />
      <div className="bundle-actions">
        {bundle.fileId && (
          <button type="button" onClick={() => void saver.save(bundle)} disabled={status.state === 'saving'}>
            {status.state === 'saved' ? 'Save again…' : 'Save…'}
          </button>
        )}
        <a href={href('bundles')}>Back to bundles</a>
      </div>
    </div>
  );
}
