import { useCallback } from 'react';
import type { DatasetDetail } from '../../shared/types/datasets';
import { navigate, useRoute } from '../router/index';
import { DatasetView } from './DatasetView';
import { DatasetList } from './DatasetList';
import { DropTarget } from './DropTarget';
import { useAddDataset } from './useAddDataset';
import './datasets.css';

/** `#/datasets` lists the workspace's datasets, `#/datasets/NAME` shows one. Files can be dropped on either. */
export function DatasetsScreen() {
  const route = useRoute();
  const name = route.segments[1];
  const onAdded = useCallback((added: DatasetDetail) => navigate('datasets', added.name), []);
  const adder = useAddDataset(onAdded);
  return (
    <DropTarget onFiles={(files) => void adder.add(files)} disabled={adder.job.state.running}>
      {name ? <DatasetView key={name} name={name} adder={adder} /> : <DatasetList adder={adder} />}
    </DropTarget>
  );
}
