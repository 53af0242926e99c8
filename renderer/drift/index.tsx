import { NotYetAvailable } from '../ui/index';

// Placeholder until the Drift screens land; the owner of renderer/drift/ replaces this file.
export function DriftScreen() {
  return (
    <NotYetAvailable title="Drift" command="preflight drift --reference train.csv --current prod.csv">
      Compare a production sample with the training data, feature by feature, and the model's outputs on both.
    </NotYetAvailable>
  );
}
