import { DEMO_FEATURES, DEMO_MEANS, DEMO_STDS } from './data';
import { writeOnnxModel } from './onnx-writer';

/**
 * A small logistic "default risk" model over the demo's numeric features: standardise with the
 * training means and stds, Gemm, Softmax → [P(repay), P(default)]. Written by our own protobuf
 * writer, so the demo needs no shipped binaries.
 */
export function demoModelBytes(): Uint8Array {
  const k = DEMO_FEATURES.length;
  const risk = [-0.2, -0.6, -0.9, 1.4, 0.3];
  return writeOnnxModel({
    graphName: 'credit_risk',
    docString: `Demo credit-risk classifier. Input "features" = [${DEMO_FEATURES.join(', ')}] (float32); output "probabilities" = [P(repay), P(default)].`,
    metadata: {
      task: 'binary-classification',
      features: DEMO_FEATURES.join(','),
      classes: 'repay,default',
      origin: 'preflight demo',
    },
    initializers: [
      { name: 'mean', dims: [k], values: DEMO_MEANS },
      { name: 'std', dims: [k], values: DEMO_STDS },
      { name: 'W', dims: [2, k], values: [...risk.map((w) => -w / 2), ...risk.map((w) => w / 2)] },
      { name: 'B', dims: [2], values: [0.6, -0.6] },
    ],
    nodes: [
      { op: 'Sub', inputs: ['features', 'mean'], outputs: ['centered'] },
      { op: 'Div', inputs: ['centered', 'std'], outputs: ['z'] },
      { op: 'Gemm', inputs: ['z', 'W', 'B'], outputs: ['logits'], intAttributes: { transB: 1 } },
      { op: 'Softmax', inputs: ['logits'], outputs: ['probabilities'], intAttributes: { axis: 1 } },
    ],
    inputs: [{ name: 'features', dims: ['batch', k] }],
    outputs: [{ name: 'probabilities', dims: ['batch', 2] }],
  });
}
