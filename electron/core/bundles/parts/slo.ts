// slo.json: the measured latency points and the objectives derived from (or checked against) them.
import type { BenchEnvironment } from '../../../../shared/types/bench';
import type { BundleFacts, BundleSlo } from '../../../../shared/types/bundles';
import { stableJson } from './util';

export interface SloDocument {
  version: 1;
  environment: BenchEnvironment | null;
  benchRun: number | null;
  points: {
    ep: string;
    batchSize: number;
    concurrency: number;
    iterations: number;
    latencyMs: Record<string, number>;
    throughput: number;
    peakRssBytes: number | null;
  }[];
  slos: BundleSlo[];
  note?: string;
}

export function sloDocument(facts: BundleFacts): SloDocument {
  const b = facts.bench;
  const doc: SloDocument = {
    version: 1,
    environment: b ? b.environment : null,
    benchRun: b ? b.runId : null,
    points: (b?.points ?? []).map((p) => ({
      ep: p.ep,
      batchSize: p.batchSize,
      concurrency: p.concurrency,
      iterations: p.iterations,
      latencyMs: { ...p.latencyMs },
      throughput: p.throughput,
      peakRssBytes: p.peakRssBytes,
    })),
    slos: facts.slos.map((s) => ({ ...s })),
  };
  if (!b)
    doc.note =
      "No benchmark in this bundle: nothing was measured; the objectives are the user's (--slo) and unchecked.";
  return doc;
}

export function sloJson(facts: BundleFacts): string {
  return stableJson(sloDocument(facts));
}
