import { useCallback, useRef, useState } from 'react';
import { PreflightError } from '../../shared/contract/errors';
import type { DatasetDetail } from '../../shared/types/datasets';
import { host } from '../api/client';
import { uploadForJob } from '../api/files';
import { useJob } from '../api/hooks';
import { notADatasetFile } from '../../shared/naming/index';
import { DATASET_FILE } from './format';

/** The last import that failed because the name was taken: enough to retry under another name. */
export interface NameClash {
  path: string;
  fileName: string;
  bytes: number;
  name: string;
}

/**
 * Imports the files a user picked or dropped, one dataset per file, as `datasets/add` jobs. Errors
 * stay in `job.state.error`, shown where the add happened; a failed import leaves no dataset.
 */
export function useAddDataset(onAdded: (added: DatasetDetail) => void) {
  const job = useJob();
  /** The file of the import under way or last tried, so a name clash can be retried without choosing it again. */
  const last = useRef<Omit<NameClash, 'name'> | null>(null);
  /** Bytes of the file being imported, so progress can read "12 MiB of 40 MiB". */
  const [size, setSize] = useState<number | null>(null);

  const importOne = useCallback(
    async (path: string, fileName: string, bytes: number, name?: string) => {
      last.current = { path, fileName, bytes };
      setSize(bytes);
      const args = name ? { path, name } : { path };
      const result = await job.start('datasets/add', args, (err) =>
        host === 'web' ? withFileName(err, path, fileName) : err,
      );
      setSize(null);
      return result;
    },
    [job],
  );

  const add = useCallback(
    async (files: File[]) => {
      if (files.length === 0 || job.state.running) return;
      job.clearError();
      last.current = null;
      const refused = files.map((f) => notADatasetFile(f.name)).find((m) => m !== null);
      if (refused) return job.fail(new PreflightError('INVALID_INPUT', refused));
      const wrong = files.filter((f) => !DATASET_FILE.test(f.name));
      if (wrong.length) {
        const names = wrong.map((f) => f.name).join(', ');
        return job.fail(
          new PreflightError(
            'INVALID_INPUT',
            `${names}: not a dataset file. Preflight imports .csv, .tsv, .txt (delimited text), .parquet and .jsonl files`,
          ),
        );
      }
      const paths = await uploadForJob(job, files);
      if (!paths) return;
      let added: DatasetDetail | undefined;
      for (let i = 0; i < files.length; i++) {
        const result = await importOne(paths[i], files[i].name, files[i].size);
        if (!result) return; // failed or cancelled: the error is in job.state
        added = result;
      }
      if (added) onAdded(added);
    },
    [job, importOne, onAdded],
  );

  // The core refuses a taken name with BAD_ARGUMENTS and the name in its details.
  const error = job.state.error;
  const taken =
    error instanceof PreflightError &&
    error.code === 'BAD_ARGUMENTS' &&
    typeof error.details?.name === 'string' &&
    /already exists|already there/.test(error.message);
  const clash: NameClash | null = taken && last.current ? { ...last.current, name: String(error.details!.name) } : null;
  /** The same file was imported before: the dataset it became, to offer instead of a copy. */
  const existing = taken && typeof error.details?.existing === 'string' ? error.details.existing : null;

  /** Retries a clashing import under a name the user chose. */
  const addAs = useCallback(
    async (name: string) => {
      const file = last.current;
      if (!file || job.state.running) return;
      job.clearError();
      const result = await importOne(file.path, file.fileName, file.bytes, name);
      if (result) onAdded(result);
    },
    [job, importOne, onAdded],
  );

  const dismiss = useCallback(() => job.clearError(), [job]);

  return { add, addAs, job, clash, existing, size, dismiss };
}

export type DatasetAdder = ReturnType<typeof useAddDataset>;

/** Uploaded files live in a server folder the user never chose: name them as the user knows them. */
function withFileName(err: unknown, path: string, fileName: string): unknown {
  if (!(err instanceof PreflightError) || !err.message.includes(path)) return err;
  return new PreflightError(err.code, err.message.split(path).join(fileName), err.details);
}
