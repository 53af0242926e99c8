import { useState } from 'react';
import { useRoute } from '../router/index';
import { Page } from '../ui/index';
import { ABRun } from './ABRun';
import { CompareView } from './CompareView';
import { History } from './History';
import { NewRun } from './NewRun';
import { RunView } from './RunView';
import './bench.css';

/** `#/bench` runs and lists benchmarks, `#/bench/<runId>` shows one, `#/bench/compare/<a>/<b>` compares two. */
export function BenchmarksScreen() {
  const { segments } = useRoute();
  const [generation, setGeneration] = useState(0);
  if (segments[1] === 'compare' && segments[2] && segments[3])
    return <CompareView runA={Number(segments[2])} runB={Number(segments[3])} />;
  if (segments[1] && /^[0-9]+$/.test(segments[1])) return <RunView runId={Number(segments[1])} />;
  // `#/bench/new/NAME@V`: a model page's "Benchmark this" opens the form with that model chosen.
  const preset = segments[1] === 'new' && segments[2] ? segments[2] : undefined;
  return (
    <Page
      title="Benchmarks"
      subtitle="Latency percentiles, cold start and throughput per execution provider, batch size and concurrency — each point in its own process."
    >
      <NewRun key={preset} preset={preset} onFinished={() => setGeneration((g) => g + 1)} />
      <ABRun onFinished={() => setGeneration((g) => g + 1)} />
      <History generation={generation} />
    </Page>
  );
}
