import { NotYetAvailable } from '../ui/index';

// Placeholder until the Bundles screens land; the owner of renderer/bundles/ replaces this file.
export function BundlesScreen() {
  return (
    <NotYetAvailable title="Bundles" command="preflight export --model M --reference DATASET --out bundle.zip">
      Export a signed deployment bundle for ops: the model, its contracts, SLOs, drift thresholds, a runbook and golden inputs.
    </NotYetAvailable>
  );
}
