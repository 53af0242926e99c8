import { useMemo, useState } from 'react';

// The filter box above a list: every word typed must appear (any case) in a row's text — its name,
// model, datasets, ids — so "credit drift" finds the drifted reports of the credit model.

export function useFilter<T>(rows: T[] | undefined, text: (row: T) => string) {
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!rows || words.length === 0) return rows ?? [];
    return rows.filter((r) => {
      const t = text(r).toLowerCase();
      return words.every((w) => t.includes(w));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, query]);
  return { query, setQuery, rows: filtered, total: rows?.length ?? 0 };
}

export function FilterBox({
  filter,
  what,
}: {
  filter: { query: string; setQuery: (q: string) => void; rows: unknown[]; total: number };
  what: string;
}) {
  return (
    <div className="filter-box">
      <input
        type="search"
        placeholder={`Filter ${what}…`}
        aria-label={`Filter ${what}`}
        value={filter.query}
        onChange={(e) => filter.setQuery(e.target.value)}
        spellCheck={false}
      />
      {filter.query.trim() && (
        <span className="muted" role="status">
          {filter.rows.length} of {filter.total}
        </span>
      )}
    </div>
  );
}

/** What an empty filtered list says. */
export const noMatch = (what: string, query: string) => `No ${what} match “${query.trim()}”.`;
