import { useState } from 'react';
import type { DatasetDetail } from '../../shared/types/datasets';
import { client } from '../api/client';
import { navigate } from '../router/index';
import { errorMessage, formatCount } from '../ui/index';

/** "Remove dataset…" asks first, in place: it deletes every row and cannot be undone. */
export function RemoveDataset({ dataset }: { dataset: DatasetDetail }) {
  const [state, setState] = useState<'idle' | 'confirm' | 'removing'>('idle');
  const [error, setError] = useState<unknown>(null);

  const remove = async () => {
    setState('removing');
    setError(null);
    try {
      await client.call('datasets/remove', { ref: dataset.name });
      navigate('datasets');
    } catch (err) {
      setError(err);
      setState('confirm');
    }
  };

  if (state === 'idle') {
    return (
      <button type="button" onClick={() => setState('confirm')}>
        Remove dataset…
      </button>
    );
  }
  return (
    <div className="ds-confirm" role="group" aria-label={`Remove ${dataset.name}?`}>
      <span>
        Remove <strong>{dataset.name}</strong> and its {formatCount(dataset.rows)} rows? This cannot be undone.
      </span>
      <button type="button" className="ds-danger" onClick={() => void remove()} disabled={state === 'removing'}>
        {state === 'removing' ? 'Removing…' : 'Remove'}
      </button>
      {/* Focus lands on the safe choice. */}
      <button
        type="button"
        autoFocus
        onClick={() => (setState('idle'), setError(null))}
        disabled={state === 'removing'}
      >
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
