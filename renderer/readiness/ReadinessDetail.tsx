import { useId, useState, type FormEvent } from 'react';
import type { EpName } from '../../shared/types/bench';
import type { Readiness, ReadinessItem } from '../../shared/types/readiness';
import { client } from '../api/client';
import { useCall } from '../api/hooks';
import { href } from '../router/index';
import { CopyButton, ErrorBox, formatDate, Loading, Page, Section, shortHash } from '../ui/index';
import { actionLabel, evidenceHref, overall, StateBadge } from './format';

/** The providers ready/settings accepts (the contract's enum). */
const TARGET_EPS: EpName[] = ['cpu', 'cuda', 'tensorrt', 'webgpu', 'dml', 'coreml'];

/** One model version's checklist: `#/readiness/NAME@VERSION`. */
export function ReadinessDetail({ modelRef }: { modelRef: string }) {
  const shown = useCall('ready/show', { ref: modelRef });
  const r = shown.data;
  const back = (
    <a href={href('readiness')} className="back-link">
      ← Readiness
    </a>
  );
  if (!r) {
    return (
      <Page title={modelRef} subtitle={back}>
        {shown.error ? (
          <ErrorBox
            title={`The checklist of ${modelRef} could not be read`}
            error={shown.error}
            onRetry={shown.reload}
          />
        ) : (
          <Loading what={`the checklist of ${modelRef}`} />
        )}
      </Page>
    );
  }
  const id = `${r.model.name}@${r.model.version}`;
  return (
    <Page
      title={
        <>
          {r.model.name}
          <span className="title-version">@{r.model.version}</span>
        </>
      }
      documentTitle={`Readiness of ${id}`}
      subtitle={back}
    >
      <p className="ready-overall">
        <span className={`badge ${r.ready ? 'badge-ok' : 'badge-bad'}`} data-testid="overall">
          {overall(r.ready, r.counts)}
        </span>{' '}
        <span className="muted">
          {r.counts.proven} proven · {r.counts.attested} attested · {r.counts.stale} stale · {r.counts.missing} missing
          — sha256{' '}
          <span className="mono" title={r.model.sha256}>
            {shortHash(r.model.sha256, 16)}
          </span>
          , added {formatDate(r.model.addedAt)}. Derived from the workspace on every read. In CI:{' '}
          <code>preflight ready {id}</code>
        </span>
      </p>
      <Settings readiness={r} onSaved={shown.reload} />
      <Section title="Checklist" id="ready-items">
        <ol className="ready-items">
          {r.items.map((item) => (
            <ItemView key={item.id} item={item} modelRef={id} onChanged={shown.reload} />
          ))}
        </ol>
      </Section>
    </Page>
  );
}

function ItemView({ item, modelRef, onChanged }: { item: ReadinessItem; modelRef: string; onChanged: () => void }) {
  const titleId = `ready-item-${item.id}`;
  return (
    <li
      className={`ready-item ready-item-${item.state}`}
      data-item={item.id}
      data-state={item.state}
      aria-labelledby={titleId}
    >
      <div className="ready-item-head">
        <StateBadge state={item.state} />
        <h3 id={titleId}>{item.title}</h3>
      </div>
      <p className="ready-detail">{item.detail}</p>
      {item.evidence.length > 0 && (
        <ul className="ready-evidence" aria-label={`Evidence for ${item.title}`}>
          {item.evidence.map((e) => {
            const link = evidenceHref(e);
            return (
              <li key={`${e.kind}-${e.id}`}>
                {link ? <a href={link}>{e.label}</a> : <span>{e.label}</span>}
                <span className="muted">
                  {' '}
                  · <time dateTime={e.at}>{formatDate(e.at)}</time>
                  {e.sha256 && (
                    <>
                      {' '}
                      · sha256{' '}
                      <span className="mono" title={e.sha256}>
                        {shortHash(e.sha256)}
                      </span>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {item.action && (
        <div className="ready-action">
          {item.id !== 'retraining' && (
            <a className="button button-primary button-small" href={item.action.route}>
              {actionLabel(item.action.route)}
            </a>
          )}
          <code className="ready-command">{item.action.command}</code>
          <CopyButton value={item.action.command} label={`Copy the command for ${item.title}`} />
        </div>
      )}
      {item.id === 'retraining' && item.state !== 'attested' && <AttestForm modelRef={modelRef} onDone={onChanged} />}
    </li>
  );
}

/** Retraining happens outside Preflight: a person records that it is automated. Shown as attested, never proven. */
function AttestForm({ modelRef, onDone }: { modelRef: string; onDone: () => void }) {
  const [by, setBy] = useState('');
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.call('ready/attest', {
        ref: modelRef,
        item: 'retraining',
        by: by.trim(),
        link: link.trim() || undefined,
        note: note.trim() || undefined,
      });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ready-form" onSubmit={submit} aria-label="Attest automated retraining">
      <p className="muted">
        Record who attests that retraining is automated, with a link to the pipeline; it is shown as attested, never as
        proven.
      </p>
      <div className="ready-fields">
        <label htmlFor={`${ids}-by`}>Attested by</label>
        <input
          id={`${ids}-by`}
          value={by}
          onChange={(e) => setBy(e.target.value)}
          required
          maxLength={200}
          placeholder="name or team"
        />
        <label htmlFor={`${ids}-link`}>Link to the pipeline</label>
        <input
          id={`${ids}-link`}
          value={link}
          onChange={(e) => setLink(e.target.value)}
          maxLength={2000}
          placeholder="https://ci.example.com/pipelines/retrain"
        />
        <label htmlFor={`${ids}-note`}>Note</label>
        <input
          id={`${ids}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          placeholder="optional"
        />
      </div>
      <button type="submit" className="button" disabled={busy || !by.trim()}>
        {busy ? 'Recording…' : 'Record the attestation'}
      </button>
      {error ? (
        <ErrorBox title="The attestation could not be recorded" error={error} onDismiss={() => setError(null)} />
      ) : null}
    </form>
  );
}

/** The provider latency must be proven on, and how old evidence may be: per model, every version. */
function Settings({ readiness, onSaved }: { readiness: Readiness; onSaved: () => void }) {
  const [targetEp, setTargetEp] = useState(readiness.targetEp);
  const [maxAge, setMaxAge] = useState(String(readiness.maxAgeDays));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = useId();
  const days = Number(maxAge);
  const validDays = Number.isInteger(days) && days >= 1 && days <= 3650;
  const changed = targetEp !== readiness.targetEp || days !== readiness.maxAgeDays;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!validDays) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('ready/settings', {
        model: readiness.model.name,
        targetEp: targetEp as EpName,
        maxAgeDays: days,
      });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="ready-settings" onSubmit={submit} aria-label="Readiness settings">
      <label htmlFor={`${ids}-ep`}>Target execution provider</label>
      <select id={`${ids}-ep`} value={targetEp} onChange={(e) => setTargetEp(e.target.value)}>
        {TARGET_EPS.map((ep) => (
          <option key={ep} value={ep}>
            {ep}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-age`}>Max evidence age (days)</label>
      <input
        id={`${ids}-age`}
        type="number"
        min={1}
        max={3650}
        step={1}
        value={maxAge}
        aria-invalid={!validDays}
        onChange={(e) => setMaxAge(e.target.value)}
        className="ready-age"
      />
      <button type="submit" className="button button-small" disabled={busy || !changed || !validDays}>
        {busy ? 'Saving…' : 'Save'}
      </button>
      <span className="muted">
        For every version of {readiness.model.name}: latency is proven only on the target; older evidence turns stale.
      </span>
      {error ? (
        <ErrorBox title="The settings could not be saved" error={error} onDismiss={() => setError(null)} />
      ) : null}
    </form>
  );
}
