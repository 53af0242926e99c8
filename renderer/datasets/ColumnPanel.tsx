import { useEffect, useRef, useState } from 'react';
import { QUANTILE_LEVELS, type ColumnInfo, type DatasetDetail, type QuantileName } from '../../shared/types/datasets';
import { formatCount } from '../ui/index';
import { ChangeKind, type Reimported } from './ChangeKind';
import { ColumnCharts } from './ColumnCharts';
import { Distinct, Kind } from './ColumnTable';
import { displayName, formatPercent, formatStat } from './format';

/**
 * One column, larger: a modal dialog (Esc closes it, focus returns to the row) with the full
 * histogram or categories, the quantiles and the notes. Charts are drawn once the dialog is open,
 * so ECharts measures a visible box.
 */
export function ColumnPanel({
  dataset,
  column,
  onClose,
  onReimported,
}: {
  dataset: DatasetDetail;
  column: ColumnInfo;
  onClose: () => void;
  onReimported: (r: Reimported) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The row that opened the panel gets focus back, so a keyboard user goes on from where they were.
  const opener = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);
  const [shown, setShown] = useState(false);
  const close = () => {
    // The close event comes a task after the dialog closed; the browser has usually put the focus
    // back already, and whatever took it since (a keyboard user going on, a test) keeps it. Focus
    // left nowhere or inside the closed dialog (its Close button) goes back to the row.
    const at = document.activeElement;
    if (at === null || at === document.body || dialog.current?.contains(at)) opener.current?.focus();
    onClose();
  };
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    setShown(true);
    // No close() on unmount: an unmounted dialog leaves the top layer by itself, and a close event
    // from a cleanup (StrictMode runs effects twice) would close the panel that was just opened.
  }, []);
  const p = column.profile;
  const n = p.numeric;
  const title = `Column ${displayName(column.name)}`;
  return (
    <dialog ref={dialog} className="ds-panel" aria-label={title} onClose={close} data-testid="column-panel">
      <header className="ds-panel-head">
        <h2 className="mono">{displayName(column.name)}</h2>
        <Kind column={column} />
        <button
          type="button"
          className="button-small ds-panel-close"
          onClick={() => dialog.current?.close()}
          aria-label="Close column panel"
        >
          Close
        </button>
      </header>
      <div className="ds-panel-body">
        <dl className="facts ds-panel-facts">
          <dt>Values</dt>
          <dd className="mono">
            {formatCount(p.count - p.missing)} present of {formatCount(p.count)} rows
          </dd>
          <dt>Missing</dt>
          <dd className="mono">
            {formatCount(p.missing)} <span className="muted">({formatPercent(p.missing, p.count)})</span>
          </dd>
          {(p.nan > 0 || p.posInf > 0 || p.negInf > 0 || n) && (
            <>
              <dt>NaN / +inf / −inf</dt>
              <dd className="mono">
                {formatCount(p.nan)} / {formatCount(p.posInf)} / {formatCount(p.negInf)}
              </dd>
            </>
          )}
          <dt>Distinct</dt>
          <dd className="mono">
            <Distinct column={column} />
            {!p.distinctExact && <span className="muted"> (estimated from a sample)</span>}
          </dd>
          {n && (
            <>
              <dt>Min · mean · max</dt>
              <dd className="mono">
                {n.minExact ?? formatStat(column, n.min)} · {formatStat(column, n.mean)} ·{' '}
                {n.maxExact ?? formatStat(column, n.max)}
                {/* NaN and infinities are counted above, not in the statistics. */}
                {n.count !== p.count - p.missing && (
                  <span className="muted"> (of {formatCount(n.count)} finite values)</span>
                )}
              </dd>
              <dt>Std</dt>
              <dd className="mono">{formatStat(column, n.std, true)}</dd>
            </>
          )}
        </dl>
        {n && (
          <table className="table ds-quantiles" aria-label="Quantiles">
            <thead>
              <tr>
                {QUANTILE_LEVELS.map((q) => (
                  <th key={q} scope="col" style={{ textAlign: 'right' }}>
                    p{Math.round(q * 100)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {QUANTILE_LEVELS.map((q) => (
                  <td key={q} className="mono" style={{ textAlign: 'right' }}>
                    {formatStat(column, n.quantiles[`p${Math.round(q * 100)}` as QuantileName])}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        )}
        {n && !n.exact && (
          <p className="muted ds-small">
            Quantiles and histogram from a uniform sample of {formatCount(n.sampleSize)} values (counts scaled to the
            column).
          </p>
        )}
        {shown && <ColumnCharts column={column} />}
        {column.notes.length > 0 && (
          <ul className="ds-notes" aria-label="Column notes">
            {column.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        )}
        <ChangeKind dataset={dataset} column={column} onReimported={onReimported} />
      </div>
    </dialog>
  );
}
