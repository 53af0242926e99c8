import { useCallback, useState } from 'react';
import type { DatasetDetail } from '../../shared/types/datasets';
import { navigate, useRoute } from '../router/index';
import { DropTarget } from '../ui/index';
import type { Reimported } from './ChangeKind';
import { DatasetView } from './DatasetView';
import { DatasetList } from './DatasetList';
import { useAddDataset } from './useAddDataset';
import './datasets.css';

/** `#/datasets` lists the workspace's datasets, `#/datasets/NAME` shows one. Files can be dropped on either. */
export function DatasetsScreen() {
  const route = useRoute();
  const name = route.segments[1];
  const onAdded = useCallback((added: DatasetDetail) => navigate('datasets', added.name), []);
  const adder = useAddDataset(onAdded);
  // Lives here, not in DatasetView: the view is keyed by name and starts fresh on the new dataset.
  const [reimported, setReimported] = useState<Reimported | null>(null);
  const onReimported = useCallback((r: Reimported) => {
    setReimported(r);
    navigate('datasets', r.name);
  }, []);
  return (
    <DropTarget
      onFiles={(files) => void adder.add(files)}
      disabled={adder.job.state.running}
      title="Drop to import the file"
      hint="a .csv, .tsv, .txt, .parquet or .jsonl file: each becomes a dataset"
      testId="dataset-drop-target"
    >
      {name ? (
        <DatasetView key={name} name={name} adder={adder} reimported={reimported} onReimported={onReimported} />
      ) : (
        <DatasetList adder={adder} />
      )}
    </DropTarget>
  );
}
