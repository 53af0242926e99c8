import type { TensorInfo } from '../../shared/types/models';
import { Table, type Column } from '../ui/index';
import { DIM_TITLES, formatDim } from './format';

/** The shape exactly as declared: fixed sizes, symbolic names verbatim, `""` for an empty name, `?` for unknown. */
export function Shape({ shape }: { shape: TensorInfo['shape'] }) {
  if (shape === null) return <span className="muted" title="the file gives no shape: any rank">unknown rank</span>;
  if (shape.length === 0) return <span title="a scalar (rank 0)">[] scalar</span>;
  return (
    <span className="shape">
      [
      {shape.map((dim, i) => {
        const { text, kind } = formatDim(dim);
        return (
          <span key={i}>
            {i > 0 && ', '}
            <span className={`dim dim-${kind}`} title={DIM_TITLES[kind]}>
              {text}
            </span>
          </span>
        );
      })}
      ]
    </span>
  );
}

function columns(withDocs: boolean): Column<TensorInfo>[] {
  const cols: Column<TensorInfo>[] = [
    { key: 'name', header: 'Name', mono: true, render: (t) => t.name },
    // Non-tensors (sequences, maps) are described by their full ONNX type, which is what a caller must build.
    { key: 'type', header: 'Type', mono: true, wrap: true, render: (t) => (t.kind === 'tensor' ? 'tensor' : t.type) },
    { key: 'dtype', header: 'dtype', mono: true, render: (t) => t.elemType ?? <span className="muted">—</span> },
    { key: 'shape', header: 'Shape', mono: true, render: (t) => (t.kind === 'tensor' ? <Shape shape={t.shape} /> : <span className="muted">—</span>) },
  ];
  if (withDocs) cols.push({ key: 'doc', header: 'Description', render: (t) => t.docString });
  return cols;
}

export function TensorTable({ tensors, caption }: { tensors: TensorInfo[]; caption: string }) {
  const withDocs = tensors.some((t) => t.docString);
  return <Table caption={caption} columns={columns(withDocs)} rows={tensors} rowKey={(t) => t.name} empty={`No ${caption.toLowerCase()}.`} />;
}
