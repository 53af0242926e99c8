import { NotYetAvailable } from '../ui/index';

// Placeholder until the Datasets screens land; the owner of renderer/datasets/ replaces this file.
export function DatasetsScreen() {
  return (
    <NotYetAvailable title="Datasets" command="preflight datasets add data.csv">
      Import training and production data (CSV, TSV, Parquet, JSONL) into the workspace and profile every column.
    </NotYetAvailable>
  );
}
