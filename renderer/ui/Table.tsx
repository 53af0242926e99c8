import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ScrollArea } from './ScrollArea';
import { sortRows, type SortDirection, type SortValue } from './sort';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Monospace cell (hashes, shapes, numbers). */
  mono?: boolean;
  /** Lets a long unbroken value wrap anywhere (e.g. seq(map(int64,tensor(float)))). */
  wrap?: boolean;
  /** Never wraps (names: a feature name broken mid-word reads as two names). */
  nowrap?: boolean;
  width?: string;
  /** Makes the column sortable: a click on its header orders the rows by this value. */
  sortValue?: (row: T) => SortValue;
}

interface TableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Makes rows focusable; Enter, Space or a click activates them. */
  onRowActivate?: (row: T) => void;
  caption?: string;
  empty?: ReactNode;
}

/** A dense data table. Activatable rows are in the tab order, so a keyboard user can walk a list. */
export function Table<T>({ columns, rows: given, rowKey, onRowActivate, caption, empty }: TableProps<T>) {
  const [sort, setSort] = useState<{ key: string; direction: SortDirection } | null>(null);
  const rows = useMemo(() => {
    const by = sort && columns.find((c) => c.key === sort.key)?.sortValue;
    return by ? sortRows(given, by, sort.direction) : given;
  }, [given, sort, columns]);
  const sortBy = (key: string) =>
    setSort((s) => ({ key, direction: s?.key === key && s.direction === 'ascending' ? 'descending' : 'ascending' }));
  if (rows.length === 0 && empty) return <div className="table-empty">{empty}</div>;
  const onKey = (row: T) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onRowActivate?.(row);
    }
  };
  return (
    <ScrollArea>
      <table className={onRowActivate ? 'table table-interactive' : 'table'}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                style={{ textAlign: c.align ?? 'left', width: c.width }}
                aria-sort={c.sortValue ? (sort?.key === c.key ? sort.direction : 'none') : undefined}
              >
                {c.sortValue ? (
                  <button type="button" className="th-sort" onClick={() => sortBy(c.key)}>
                    {c.header}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              tabIndex={onRowActivate ? 0 : undefined}
              onClick={onRowActivate ? () => onRowActivate(row) : undefined}
              onKeyDown={onRowActivate ? onKey(row) : undefined}
            >
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={
                    [c.mono && 'mono', c.wrap && 'wrap', c.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined
                  }
                  style={{ textAlign: c.align ?? 'left' }}
                >
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
