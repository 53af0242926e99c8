import { useCallback, useState, type FormEvent } from 'react';
import type { VerifyCheck, VerifyResult } from '../../shared/types/bundles';
import { uploadForJob } from '../api/files';
import { isCancelled, useJob } from '../api/hooks';
import { ErrorBox, FilePickerButton, formatBytes, ProgressBar, Section, shortHash, Table } from '../ui/index';

export interface VerifyFiles {
  bundle: File | null;
  key: File | null;
  /** Dropped or picked files that are neither a .zip nor a .pem. */
  ignored: string[];
}

const isKey = (f: File) => /\.(pem|pub|key)$/i.test(f.name);
const isBundle = (f: File) => /\.zip$/i.test(f.name);

/** Files dropped on the screen or picked: the first .zip is the bundle, the first .pem its public key. */
export function useVerifyFiles() {
  const [files, setFiles] = useState<VerifyFiles>({ bundle: null, key: null, ignored: [] });
  const add = useCallback((list: File[]) => {
    setFiles((prev) => ({
      bundle: list.find(isBundle) ?? prev.bundle,
      key: list.find(isKey) ?? prev.key,
      ignored: list.filter((f) => !isBundle(f) && !isKey(f)).map((f) => f.name),
    }));
  }, []);
  return { files, add, clearKey: useCallback(() => setFiles((f) => ({ ...f, key: null })), []) };
}

export function VerifyPanel({ verify }: { verify: ReturnType<typeof useVerifyFiles> }) {
  const { files } = verify;
  const [replay, setReplay] = useState(true);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const job = useJob();
  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (!files.bundle) return;
    setResult(null);
    const paths = await uploadForJob(job, [files.bundle]);
    if (!paths) return;
    // The public key travels as text: nothing to upload, nothing left on the server.
    const keyPem = files.key ? await files.key.text() : undefined;
    const verified = await job.start('bundles/verify', { path: paths[0], ...(keyPem ? { keyPem } : {}), replay });
    if (verified) setResult(verified);
  };
  return (
    <Section title="Verify a bundle" id="bundle-verify">
      <form className="bundle-verify" onSubmit={run} aria-label="Verify a bundle">
        <div className="bundle-dropzone" data-testid="bundle-verify-drop">
          <p>
            <strong>Drop a bundle .zip here</strong>, with its public key <code>.pem</code> to check who signed it — or
            choose them.
          </p>
          <div className="bundle-row">
            <FilePickerButton
              label="Choose bundle…"
              accept=".zip,application/zip"
              ariaLabel="Bundle to verify (.zip)"
              testId="bundle-verify-zip"
              primary={false}
              disabled={job.state.running}
              onFiles={verify.add}
            />
            <FilePickerButton
              label="Choose public key…"
              accept=".pem,.pub"
              ariaLabel="Public key (.pem)"
              testId="bundle-verify-key"
              primary={false}
              disabled={job.state.running}
              onFiles={verify.add}
            />
          </div>
          <dl className="facts">
            <dt>Bundle</dt>
            <dd data-testid="bundle-verify-file">
              {files.bundle ? (
                `${files.bundle.name} (${formatBytes(files.bundle.size)})`
              ) : (
                <span className="muted">none yet</span>
              )}
            </dd>
            <dt>Public key</dt>
            <dd>
              {files.key ? (
                <>
                  <code>{files.key.name}</code>{' '}
                  <button type="button" className="button-small button-quiet" onClick={verify.clearKey}>
                    Remove
                  </button>
                </>
              ) : (
                <span className="muted">
                  none: the signature is not checked and the bundle cannot be called trusted
                </span>
              )}
            </dd>
          </dl>
          {files.ignored.length > 0 && (
            <p className="muted">
              Ignored {files.ignored.join(', ')}: only a .zip bundle and a .pem public key are used here.
            </p>
          )}
        </div>
        <div className="bundle-actions">
          <label className="bundle-check">
            <input type="checkbox" checked={replay} onChange={(e) => setReplay(e.target.checked)} /> Replay golden rows
            (runs the model on the recorded inputs)
          </label>
          <button type="submit" className="button-primary" disabled={!files.bundle || job.state.running}>
            Verify
          </button>
        </div>
      </form>
      {job.state.running && <ProgressBar label="Verifying" progress={job.state.progress} onCancel={job.cancel} />}
      {job.state.error ? (
        <ErrorBox
          title={isCancelled(job.state.error) ? 'Verification was cancelled' : 'The bundle could not be verified'}
          error={job.state.error}
          onDismiss={job.clearError}
        />
      ) : null}
      {result && <VerifyReport result={result} name={files.bundle?.name ?? result.path} />}
    </Section>
  );
}

function verdict(result: VerifyResult): { className: string; title: string; detail: string } {
  const failed = result.checks.filter((c) => !c.ok && !c.skipped);
  if (!result.ok || failed.length) {
    const first = failed[0];
    return {
      className: 'bundle-verdict bundle-verdict-bad',
      title: 'Failed',
      detail: `${failed.length} ${failed.length === 1 ? 'check' : 'checks'} failed${first ? `, first: ${first.check} of ${first.file ?? 'the bundle'}` : ''}. Do not deploy this bundle.`,
    };
  }
  if (result.trusted) {
    return {
      className: 'bundle-verdict bundle-verdict-ok',
      title: 'Trusted',
      detail: `Every check passed and the signature holds for key ${shortHash(result.signer?.keyFingerprint ?? '', 16)}.`,
    };
  }
  return {
    className: 'bundle-verdict bundle-verdict-warn',
    title: 'Intact, not trusted',
    detail:
      'Every check that ran passed, but no signature was checked against a key you gave: who produced it is unknown.',
  };
}

function VerifyReport({ result, name }: { result: VerifyResult; name: string }) {
  const v = verdict(result);
  const failed = result.checks.filter((c) => !c.ok && !c.skipped).length;
  const skipped = result.checks.filter((c) => c.skipped).length;
  return (
    <div className="bundle-report" data-testid="bundle-verify-report">
      <div className={v.className} role="status">
        <strong data-testid="bundle-verdict">{v.title}</strong>
        <span>
          {name}: {v.detail} {result.checks.length} checks ({failed} failed{skipped ? `, ${skipped} skipped` : ''}) in{' '}
          {result.seconds.toFixed(1)} s.
        </span>
      </div>
      <Table<VerifyCheck & { n: number }>
        caption="Verification checks"
        // Failures first (in their own order), so a long list never hides the one that matters.
        rows={result.checks
          .map((c, n) => ({ ...c, n }))
          .sort((a, b) => Number(a.ok || !!a.skipped) - Number(b.ok || !!b.skipped) || a.n - b.n)}
        rowKey={(c) => String(c.n)}
        columns={[
          {
            key: 'result',
            header: 'Result',
            render: (c) =>
              c.skipped ? (
                <span className="badge badge-muted">skipped</span>
              ) : c.ok ? (
                <span className="badge badge-ok">pass</span>
              ) : (
                <span className="badge badge-bad">fail</span>
              ),
          },
          { key: 'check', header: 'Check', render: (c) => c.check },
          { key: 'file', header: 'File', render: (c) => c.file ?? '—', mono: true, wrap: true },
          { key: 'detail', header: 'Detail', render: (c) => c.message, wrap: true },
        ]}
      />
    </div>
  );
}
