import type { ModelVersion } from '../../shared/types/models';
import { CopyButton, formatBytes, Section, shortHash, Table } from '../ui/index';

/** Free-form metadata the exporter wrote (metadata_props) and the model's doc string. */
export function MetadataSection({ model }: { model: ModelVersion }) {
  const props = Object.entries(model.metadata.metadataProps);
  return (
    <Section title="Metadata" id="metadata">
      <Table
        caption="Metadata properties"
        columns={[
          { key: 'k', header: 'Key', mono: true, render: ([k]) => k },
          { key: 'v', header: 'Value', render: ([, v]) => <span className="pre-inline">{v}</span> },
        ]}
        rows={props}
        rowKey={([k]) => k}
        empty="No metadata properties."
      />
      <h3 className="subheading">Doc string</h3>
      {model.metadata.docString ? (
        <pre className="pre doc-string">{model.metadata.docString}</pre>
      ) : (
        <p className="muted">No doc string.</p>
      )}
    </Section>
  );
}

/** Every stored file with its hash, and which tensors live outside the .onnx file. */
export function FilesSection({ model }: { model: ModelVersion }) {
  const refs = model.metadata.externalData;
  return (
    <Section title="Files" id="files">
      <Table
        caption="Stored files"
        columns={[
          { key: 'path', header: 'File', mono: true, render: (f) => f.relativePath },
          { key: 'role', header: 'Role', render: (f) => (f.role === 'model' ? 'model' : 'external data') },
          { key: 'size', header: 'Size', align: 'right', render: (f) => formatBytes(f.sizeBytes) },
          {
            key: 'sha',
            header: 'SHA-256',
            mono: true,
            render: (f) => (
              <span className="hash-row">
                <span title={f.sha256}>{shortHash(f.sha256, 16)}…</span>
                <CopyButton value={f.sha256} label={`Copy SHA-256 of ${f.relativePath}`} />
              </span>
            ),
          },
        ]}
        rows={model.files}
        rowKey={(f) => f.relativePath}
      />
      <h3 className="subheading">External data</h3>
      <Table
        caption="External data references"
        columns={[
          { key: 't', header: 'Tensor', mono: true, render: (r) => r.tensor },
          { key: 'l', header: 'Location', mono: true, render: (r) => r.location },
          { key: 'o', header: 'Offset', align: 'right', render: (r) => r.offset ?? '—' },
          {
            key: 'n',
            header: 'Length',
            align: 'right',
            render: (r) => (r.length === null ? 'to end of file' : formatBytes(r.length)),
          },
        ]}
        rows={refs}
        rowKey={(r) => `${r.tensor} ${r.location}`}
        empty="None: all weights are stored inside the .onnx file."
      />
    </Section>
  );
}
