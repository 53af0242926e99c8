// "Remove…" on a model version, a benchmark run or a drift report. It asks first, saying what goes
// with it and what refers to it (the core's dry run); when an exported bundle was made from it, the
// first answer only unlocks a second confirmation that names the bundles — then it is removed with force.
import { useState } from 'react';
import type { ArgsOf } from '../../shared/contract/methods';
import type { RemovalResult } from '../../shared/types/removal';
import { client } from '../api/client';
import { errorMessage } from '../ui/index';

type RemoveMethod = 'models/remove' | 'bench/remove' | 'drift/remove';
type Step =
  | { at: 'idle' }
  | { at: 'checking' }
  | { at: 'confirm'; plan: RemovalResult; insist: boolean }
  | { at: 'removing'; plan: RemovalResult };

const ids = (what: string, list: number[]) =>
  list.length ? `${list.length} ${what}${list.length > 1 ? 's' : ''} (#${list.join(', #')})` : null;

export function RemoveAction<M extends RemoveMethod>({
  method,
  args,
  label,
  onRemoved,
}: {
  method: M;
  args: ArgsOf<M>;
  label: string;
  onRemoved: () => void;
}) {
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const [error, setError] = useState<unknown>(null);

  const check = async () => {
    setStep({ at: 'checking' });
    setError(null);
    try {
      const plan = await client.call(method, { ...args, dryRun: true, force: false } as ArgsOf<M>);
      setStep({ at: 'confirm', plan, insist: false });
    } catch (err) {
      setError(err);
      setStep({ at: 'idle' });
    }
  };
  const remove = async (plan: RemovalResult) => {
    setStep({ at: 'removing', plan });
    try {
      await client.call(method, { ...args, dryRun: false, force: plan.bundles.length > 0 } as ArgsOf<M>);
      onRemoved();
    } catch (err) {
      setError(err);
      setStep({ at: 'confirm', plan, insist: false });
    }
  };

  if (step.at === 'idle' || step.at === 'checking')
    return (
      <>
        <button type="button" onClick={() => void check()} disabled={step.at === 'checking'}>
          {label}
        </button>
        {error !== null && (
          <span className="ds-confirm-error" role="alert">
            {errorMessage(error)}
          </span>
        )}
      </>
    );
  const plan = step.plan;
  const along = [
    ids('benchmark run', plan.along.benchRuns),
    ids('drift report', plan.along.driftReports),
    plan.along.attestations ? `${plan.along.attestations} attestation(s)` : null,
  ].filter(Boolean);
  const exported = plan.bundles.length > 0;
  const insisting = step.at === 'confirm' && step.insist;
  const busy = step.at === 'removing';
  return (
    <div
      className="ds-confirm remove-confirm"
      role="group"
      aria-label={`Remove ${plan.target}?`}
      data-testid="remove-confirm"
    >
      <span>
        Remove <strong>{plan.target}</strong>
        {along.length ? ` with ${along.join(', ')}` : ''}? This cannot be undone.
        {plan.blob &&
          (plan.blob.removed
            ? ' Its stored model file goes too.'
            : ` Its stored model file stays: ${plan.blob.sharedWith.join(', ')} ${plan.blob.sharedWith.length > 1 ? 'share' : 'shares'} it.`)}
      </span>
      {exported && (
        <span className="remove-exported" role="note">
          Exported from it: {plan.bundles.map((b) => `bundle #${b.id} (${b.path.split(/[\\/]/).pop()})`).join(', ')}.
          Those bundles stay; {plan.target} is kept unless you insist.
        </span>
      )}
      {exported && !insisting ? (
        <button type="button" className="ds-danger" onClick={() => setStep({ at: 'confirm', plan, insist: true })}>
          Remove anyway…
        </button>
      ) : (
        <button type="button" className="ds-danger" onClick={() => void remove(plan)} disabled={busy}>
          {busy
            ? 'Removing…'
            : exported
              ? `Yes, remove ${plan.target} although bundles were exported from it`
              : 'Remove'}
        </button>
      )}
      {/* Focus lands on the safe choice. */}
      <button type="button" autoFocus onClick={() => (setStep({ at: 'idle' }), setError(null))} disabled={busy}>
        Keep
      </button>
      {error !== null && (
        <span className="ds-confirm-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}
