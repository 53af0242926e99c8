import type { TensorInfo } from '../../shared/types/models';
import { Table, type Column } from '../ui/index';
import { DIM_TITLES, formatDim } from './format';

/** The shape exactly as declared: fixed sizes, symbolic names verbatim, `""` for an empty name, `?` for unknown. */
export function Shape({ shape }: { shape: TensorInfo['shape'] }) {
  if (shape === null)
    return (
      <span className="muted" title="the file gives no shape: any rank">
        unknown rank
      </span>
    );
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

/**
 * Why a non-tensor (a sequence of maps, as sklearn exports produce) has no dtype or shape here, and
 * what that means downstream: onnxruntime-node returns tensors only (RELIABILITY.md → Models).
 */
export const NON_TENSOR_NOTE = {
  input: 'not a tensor: benchmarks cannot synthesise it, so they cannot run this model',
  output: 'not a tensor: benchmarks time the tensor outputs only; its values are not compared',
} as const;

function columns(withDocs: boolean, io: 'input' | 'output'): Column<TensorInfo>[] {
  const cols: Column<TensorInfo>[] = [
    { key: 'name', header: 'Name', mono: true, render: (t) => t.name },
    // Non-tensors (sequences, maps) are described by their full ONNX type, which is what a caller must build.
    { key: 'type', header: 'Type', mono: true, wrap: true, render: (t) => (t.kind === 'tensor' ? 'tensor' : t.type) },
    { key: 'dtype', header: 'dtype', mono: true, render: (t) => t.elemType ?? <span className="muted">—</span> },
    {
      key: 'shape',
      header: 'Shape',
      mono: true,
      wrap: true,
      render: (t) =>
        t.kind === 'tensor' ? (
          <Shape shape={t.shape} />
        ) : (
          <span className="muted" style={{ fontFamily: 'var(--font)' }} data-testid="non-tensor-note">
            {NON_TENSOR_NOTE[io]}
          </span>
        ),
    },
  ];
  if (withDocs) cols.push({ key: 'doc', header: 'Description', render: (t) => t.docString });
  return cols;
}

/** `io` says whether the rows are inputs or outputs (by default read from the caption). */
export function TensorTable({
  tensors,
  caption,
  io,
}: {
  tensors: TensorInfo[];
  caption: string;
  io?: 'input' | 'output';
}) {
  const withDocs = tensors.some((t) => t.docString);
  const role = io ?? (/^output/i.test(caption) ? 'output' : 'input');
  return (
    <Table
      caption={caption}
      columns={columns(withDocs, role)}
      rows={tensors}
      rowKey={(t) => t.name}
      empty={`No ${caption.toLowerCase()}.`}
    />
  );
}
