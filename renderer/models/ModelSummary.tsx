import type { ModelVersion } from '../../shared/types/models';
import { CopyButton, formatBytes, formatDate, plural, Section } from '../ui/index';
import { opsetLabel } from './format';

/** The facts a reviewer checks first: identity (hash), size, who produced it, which IR and opsets. */
export function ModelSummary({ model }: { model: ModelVersion }) {
  const m = model.metadata;
  const totalBytes = model.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const external = model.files.filter((f) => f.role === 'external-data');
  return (
    <Section title="Summary" id="summary">
      <dl className="facts">
        <dt>SHA-256</dt>
        <dd className="hash-row">
          <code className="hash" data-testid="model-sha256">
            {model.sha256}
          </code>
          <CopyButton value={model.sha256} label="Copy SHA-256" />
        </dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(totalBytes)}
          {external.length > 0 && (
            <span className="muted">
              {' '}
              (model {formatBytes(m.fileSizeBytes)} + {external.length} external data file
              {external.length > 1 ? 's' : ''})
            </span>
          )}
        </dd>
        <dt>Producer</dt>
        <dd>
          {[m.producerName, m.producerVersion].filter(Boolean).join(' ') || <span className="muted">not recorded</span>}
        </dd>
        <dt>IR version</dt>
        <dd>{m.irVersion}</dd>
        <dt>Opsets</dt>
        <dd>{m.opsetImports.map(opsetLabel).join(', ') || <span className="muted">none declared</span>}</dd>
        <dt>Graph</dt>
        <dd>
          <span className="mono">{m.graphName || '(unnamed)'}</span> · {plural(m.nodeCount, 'node')} ·{' '}
          {plural(m.parameterCount, 'parameter')} in {plural(m.initializerCount, 'initializer')}
        </dd>
        {(m.domain || m.modelVersion > 0) && (
          <>
            <dt>Model domain / version</dt>
            <dd>
              {m.domain || '—'} / {m.modelVersion}
            </dd>
          </>
        )}
        <dt>Added</dt>
        <dd title={model.addedAt}>
          {formatDate(model.addedAt)} <span className="muted">from</span>{' '}
          <span className="mono muted" title={model.sourcePath}>
            {baseName(model.sourcePath)}
          </span>
        </dd>
      </dl>
    </Section>
  );
}

/** Whether onnxruntime loads it, in onnxruntime's own words when it does not. */
export function LoadStatus({ model }: { model: ModelVersion }) {
  const c = model.loadCheck;
  const renamed =
    c.loadable &&
    (c.inputNames.join() !== model.metadata.inputs.map((i) => i.name).join() ||
      c.outputNames.join() !== model.metadata.outputs.map((o) => o.name).join());
  return (
    <div className={c.loadable ? 'load-status load-ok' : 'load-status load-bad'} data-testid="load-status">
      <strong>
        {c.loadable ? `Loads in onnxruntime ${c.ortVersion}` : `onnxruntime ${c.ortVersion} cannot load this model`}
      </strong>
      {c.error && <pre className="pre">{c.error}</pre>}
      {renamed && (
        <p className="muted">
          onnxruntime reports inputs {c.inputNames.join(', ')} and outputs {c.outputNames.join(', ')}, which differ from
          the graph.
        </p>
      )}
      {c.warnings.length > 0 && (
        <ul className="warnings">
          {c.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The file name only: in web mode the full path is the server's upload folder, which means nothing to the user. */
function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}
