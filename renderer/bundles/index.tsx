import { useCall } from '../api/hooks';
import { href, useRoute } from '../router/index';
import { DropTarget, Page } from '../ui/index';
import { BundleList } from './BundleList';
import { NewBundle } from './NewBundle';
import { ValidateBatch } from './Validate';
import { useVerifyFiles, VerifyPanel } from './Verify';
import './bundles.css';

/**
 * `#/bundles`: exported bundles and Verify (drop a .zip anywhere); `#/bundles/new`: export a new one;
 * `#/bundles/validate[/ID]`: validate a batch against a bundle (ID: an exported one, preselected).
 */
export function BundlesScreen() {
  const route = useRoute();
  const bundles = useCall('bundles/list', {});
  if (route.segments[1] === 'new') return <NewBundle onExported={bundles.reload} />;
  if (route.segments[1] === 'validate') {
    const id = Number(route.segments[2]);
    return <ValidateBatch bundles={bundles} preselect={Number.isInteger(id) && id > 0 ? id : null} />;
  }
  return <BundlesHome bundles={bundles} />;
}

function BundlesHome({ bundles }: { bundles: ReturnType<typeof useCall<'bundles/list'>> }) {
  const verify = useVerifyFiles();
  return (
    <DropTarget
      onFiles={verify.add}
      title="Drop to verify"
      hint="a bundle .zip, and its public key .pem to check the signature"
      testId="bundles-drop"
    >
      <Page
        title="Bundles"
        subtitle="Signed deployment bundles for ops: the model, its data contract, SLOs, drift thresholds, fallback policy, runbook and golden rows — checkable offline."
        actions={
          <>
            <a className="button" href={href('bundles', 'validate')}>
              Validate a batch
            </a>
            <a className="button button-primary" href={href('bundles', 'new')}>
              New bundle
            </a>
          </>
        }
      >
        <BundleList bundles={bundles} />
        <VerifyPanel verify={verify} />
      </Page>
    </DropTarget>
  );
}
