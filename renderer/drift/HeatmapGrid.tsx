import { useState } from 'react';
import type { FeatureDrift, TimeWindows } from '../../shared/types/drift';
import { cellSeverity, describeCell, HEAT_NOTE, HEAT_PIECES, heatPiece } from '../../shared/drift-view/severity';
import { formatCount } from '../ui/index';
import { ScrollArea } from '../ui/ScrollArea';
import { num } from './format';

/**
 * Drift per feature and time window as a table of cells: each cell is coloured by its own test's
 * severity, shows its score, and tells its score, verdict and row count on hover and on keyboard focus.
 */
export function HeatmapGrid({ windows: w, features }: { windows: TimeWindows; features: FeatureDrift[] }) {
  const byName = new Map(features.map((f) => [f.name, f]));
  const [shown, setShown] = useState<string | null>(null);
  return (
    <div className="heat" data-testid="drift-heatmap">
      <ScrollArea className="heat-scroll">
        <table className="heat-table">
          <caption className="visually-hidden">Heatmap: each feature in each time window</caption>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              {w.windows.map((x) => (
                <th key={x.start} scope="col" title={`${x.label}: ${formatCount(x.rows)} rows`}>
                  {x.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.features.map((name, fi) => {
              const f = byName.get(name);
              return (
                <tr key={name}>
                  <th scope="row" className="heat-feature">
                    {name}
                  </th>
                  {w.cells[fi].map((c, wi) => {
                    const sev = f ? cellSeverity(f, c) : null;
                    const piece = sev === null ? null : heatPiece(sev);
                    const text = describeCell(f, c);
                    return (
                      <td
                        key={wi}
                        tabIndex={0}
                        className={piece ? 'heat-cell' : 'heat-cell heat-empty'}
                        style={piece ? { background: piece.color, color: piece.ink } : undefined}
                        aria-label={`${name} · ${w.windows[wi].label}: ${text}`}
                        data-severity={piece?.label ?? 'no data'}
                        onFocus={() => setShown(`${name} · ${w.windows[wi].label}: ${text}`)}
                        onMouseEnter={() => setShown(`${name} · ${w.windows[wi].label}: ${text}`)}
                      >
                        {c.score === null ? '—' : num(c.score)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollArea>
      {/* What the cell under the pointer or the keyboard focus says: a tooltip that a keyboard reaches too. */}
      <p className="heat-readout" data-testid="heat-readout" aria-live="polite">
        {shown ?? 'Point at or tab to a cell for its score, verdict and row count.'}
      </p>
      <ul className="heat-legend" aria-label="Colour legend">
        {HEAT_PIECES.map((p) => (
          <li key={p.label}>
            <span className="heat-swatch" style={{ background: p.color }} aria-hidden="true" />
            {p.label}
          </li>
        ))}
      </ul>
      <p className="muted heat-note">{HEAT_NOTE}</p>
    </div>
  );
}
