/** Child task `bench/probe`: can this EP create a session for this model? onnxruntime's own words if not. */
export async function probeProvider(payload: {
  modelPath: string;
  ep: string;
}): Promise<{ available: boolean; reason: string | null }> {
  const ort = await import('onnxruntime-node');
  ort.env.logLevel = 'fatal'; // the reason is returned; onnxruntime's own log would only repeat it on stderr
  try {
    // Only this EP: onnxruntime-node does not fall back, so a session here proves the EP works.
    const session = await ort.InferenceSession.create(payload.modelPath, {
      executionProviders: [payload.ep],
      logSeverityLevel: 4,
    });
    await session.release();
    return { available: true, reason: null };
  } catch (err) {
    return { available: false, reason: String((err as Error).message ?? err).trim() };
  }
}
