import type { BenchInput, BenchPointResult } from '../../shared/types/bench';

const shapeText = (i: BenchInput) => (i.shape.length ? i.shape.join('×') : 'scalar');

/** Points that fed the same inputs (name, dtype, shape, source) share one group. */
export function inputGroups(points: BenchPointResult[]): { labels: string[]; inputs: BenchInput[] }[] {
  const groups = new Map<string, { labels: string[]; inputs: BenchInput[] }>();
  for (const p of points) {
    const key = JSON.stringify(p.inputs.map((i) => [i.name, i.dtype, i.shape, i.source]));
    const g = groups.get(key) ?? { labels: [], inputs: p.inputs };
    g.labels.push(p.label);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Each input a run fed: dtype, shape (and the model's declared shape), value source, and whether it was assumed. */
export function RunInputs({ points }: { points: BenchPointResult[] }) {
  const groups = inputGroups(points);
  const many = groups.length > 1;
  return (
    <div className="table-wrap">
      <table className="table bench-inputs" data-testid="bench-run-inputs">
        <caption className="visually-hidden">Inputs fed</caption>
        <thead>
          <tr>
            {many && <th>Points</th>}
            <th>Input</th>
            <th>Type</th>
            <th>Shape fed</th>
            <th>Model shape</th>
            <th>Values</th>
          </tr>
        </thead>
        <tbody>
          {groups.flatMap((g) =>
            g.inputs.map((i, k) => (
              <tr key={`${g.labels[0]}-${i.name}`}>
                {many && <td className="mono">{k === 0 ? g.labels.join(', ') : ''}</td>}
                <td className="mono">{i.name}</td>
                <td className="mono">{i.dtype}</td>
                <td className="mono">
                  {shapeText(i)}
                  {i.assumed.some((a) => a.includes(': dimension')) && (
                    <span className="badge badge-warn">assumed</span>
                  )}
                </td>
                <td className="mono">{i.declared}</td>
                <td>
                  {i.source}
                  {i.assumed.length > 0 && !i.assumed.some((a) => a.includes(': dimension')) && (
                    <span className="badge badge-warn">assumed</span>
                  )}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The prominent box a run (or one side of a comparison) shows when any input was assumed. */
export function AssumedInputs({ texts, prefix = '' }: { texts: string[]; prefix?: string }) {
  if (texts.length === 0) return null;
  return (
    <>
      {texts.map((t) => (
        <p key={t} className="bench-assumed" role="alert" data-testid="bench-inputs-assumed">
          <strong>
            {prefix}
            {t.replace(/^((?:[AB]: )?)INPUTS ASSUMED: /, '$1Inputs assumed, not set: ')}
          </strong>
        </p>
      ))}
    </>
  );
}
