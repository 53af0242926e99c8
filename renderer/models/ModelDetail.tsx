import { useCall } from '../api/hooks';
import { RemoveAction } from '../reports/RemoveAction';
import { href, navigate } from '../router/index';
import { ErrorBox, Loading, Page, plural, Section } from '../ui/index';
import { AddModelButton, AddModelStatus } from './AddModel';
import { FilesSection, MetadataSection } from './ModelDetails';
import { LoadStatus, ModelSummary } from './ModelSummary';
import { OperatorChart } from './OperatorChart';
import { TensorTable } from './TensorTable';
import type { ModelAdder } from './useAddModel';
import { VersionList } from './VersionList';

/** One model version: `#/models/NAME@VERSION` (or `#/models/NAME` for the latest). */
export function ModelDetail({ modelRef, adder }: { modelRef: string; adder: ModelAdder }) {
  const shown = useCall('models/show', { ref: modelRef });
  const model = shown.data;
  const back = (
    <a href={href('models')} className="back-link">
      ← Models
    </a>
  );

  if (!model) {
    return (
      <Page title={modelRef} subtitle={back}>
        {shown.error ? (
          <ErrorBox title={`${modelRef} could not be shown`} error={shown.error} onRetry={shown.reload} />
        ) : (
          <Loading what={modelRef} />
        )}
      </Page>
    );
  }
  const operatorTypes = Object.keys(model.metadata.operators).length;
  return (
    <Page
      title={
        <>
          {model.name}
          <span className="title-version">@{model.version}</span>
        </>
      }
      documentTitle={`${model.name}@${model.version}`}
      subtitle={back}
      actions={
        <>
          <a className="button button-primary" href={href('bench', 'new', `${model.name}@${model.version}`)}>
            Benchmark this
          </a>
          <a className="button" href={href('drift', 'for-model', model.name)}>
            Check drift
          </a>
          <AddModelButton adder={adder} primary={false} />
          <RemoveAction
            method="models/remove"
            args={{ ref: `${model.name}@${model.version}` }}
            label="Remove version…"
            onRemoved={() => navigate('models')}
          />
        </>
      }
    >
      <AddModelStatus adder={adder} />
      <LoadStatus model={model} />
      <ModelSummary model={model} />
      <div className="grid-2">
        <Section title={`Inputs (${model.metadata.inputs.length})`} id="inputs">
          <TensorTable tensors={model.metadata.inputs} caption="Inputs" />
        </Section>
        <Section title={`Outputs (${model.metadata.outputs.length})`} id="outputs">
          <TensorTable tensors={model.metadata.outputs} caption="Outputs" />
        </Section>
      </div>
      <Section
        title={`Operators (${plural(model.metadata.nodeCount, 'node')}, ${plural(operatorTypes, 'type')})`}
        id="operators"
      >
        <OperatorChart operators={model.metadata.operators} />
      </Section>
      <div className="grid-2">
        <MetadataSection model={model} />
        <VersionList name={model.name} current={model.version} versions={model.versions} />
      </div>
      <FilesSection model={model} />
    </Page>
  );
}
