// Storing a reference profile in the workspace (apart from profile.ts, which reads datasets, so that an
// import can store the profile it merged without depending on the drift readers).
import { encodeProfile } from '../../../shared/math/drift-profile/index';
import type { DatasetDriftProfile, DriftProfileSummary } from '../../../shared/types/drift';
import type { CoreContext } from '../context';

export function storeProfile(
  core: CoreContext,
  profile: DatasetDriftProfile,
  datasetId: number | null,
): DriftProfileSummary {
  return core.queries.drift.saveProfile({
    datasetName: profile.dataset,
    datasetId,
    rows: profile.rows,
    columns: profile.columns.length,
    gridSize: profile.gridSize,
    createdAt: profile.createdAt,
    json: encodeProfile(profile),
  });
}
