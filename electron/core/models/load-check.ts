import type { LoadCheck } from '../../../shared/types/models';

/** Creates a CPU session to prove the model loads; onnxruntime's own words are kept on failure. Child process only. */
export async function loadCheck(modelPath: string): Promise<LoadCheck> {
  const ort = await import('onnxruntime-node');
  const ortVersion = ort.env.versions?.node ?? 'unknown';
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
    });
    const result: LoadCheck = {
      loadable: true,
      error: null,
      inputNames: [...session.inputNames],
      outputNames: [...session.outputNames],
      warnings: [],
      ortVersion,
    };
    await session.release();
    return result;
  } catch (err) {
    return {
      loadable: false,
      error: (err as Error).message,
      inputNames: [],
      outputNames: [],
      warnings: [],
      ortVersion,
    };
  }
}
