import { useCallback, useState } from 'react';
import { PreflightError } from '../../shared/contract/errors';
import type { ModelVersion } from '../../shared/types/models';
import { host } from '../api/client';
import { relativePathOf, uploadForJob } from '../api/files';
import { useJob } from '../api/hooks';
import { defaultModelName } from '../../shared/naming/index';

export type AddedModel = Pick<ModelVersion, 'name' | 'version'> & {
  created: boolean;
  /** Other versions holding exactly these bytes (the core offers the first instead of a second copy). */
  sameBytesAs?: string[];
  /** What was asked for, to register a second copy under that name on request. */
  asked?: { path: string; name: string };
};

const MODEL_FILE = /\.onnx$/i;

/**
 * Adds the files a user picked or dropped: every .onnx among them becomes a model version; the other
 * files (.bin, .data) travel with them as external data. Errors stay in `job.state.error`, shown next
 * to the drop zone, and the workspace is left as it was.
 */
export function useAddModel(onAdded: (added: AddedModel) => void) {
  const job = useJob();
  const [lastAdded, setLastAdded] = useState<AddedModel | null>(null);
  /** The model onnxruntime refused, kept so the user can register it anyway (--allow-unloadable). */
  const [unloadable, setUnloadable] = useState<{
    path: string;
    name?: string;
    describeError?: (err: unknown) => unknown;
  } | null>(null);

  const register = useCallback(
    async (
      targets: { path: string; name?: string }[],
      describeError?: (err: unknown) => unknown,
      allowUnloadable = false,
    ) => {
      let added: AddedModel | null = null;
      setUnloadable(null);
      for (const { path, name } of targets) {
        let refused = false;
        const result = await job.start(
          'models/add',
          { path, ...(name ? { name } : {}), ...(allowUnloadable ? { allowUnloadable } : {}) },
          (err) => {
            refused = err instanceof PreflightError && err.code === 'MODEL_LOAD_FAILED';
            return describeError ? describeError(err) : err;
          },
        );
        if (!result) {
          if (refused) setUnloadable({ path, name, describeError });
          return; // failed or cancelled: the error is in job.state
        }
        added = {
          name: result.name,
          version: result.version,
          created: result.created,
          sameBytesAs: result.sameBytesAs,
          asked: { path, name: name ?? defaultModelName(path) },
        };
      }
      if (added) {
        setLastAdded(added);
        onAdded(added);
      }
    },
    [job, onAdded],
  );

  const add = useCallback(
    async (files: File[]) => {
      if (files.length === 0 || job.state.running) return;
      job.clearError();
      setLastAdded(null);
      const models = files.filter((f) => MODEL_FILE.test(f.name));
      if (models.length === 0) {
        const shown = files.slice(0, 5).map(relativePathOf);
        const names =
          files.length > shown.length
            ? `${shown.join(', ')} and ${files.length - shown.length} more`
            : shown.join(', ');
        return job.fail(
          new PreflightError(
            'INVALID_INPUT',
            `no .onnx file among ${names}: choose the model file itself; its external data files (.bin, .data) can be added together with it`,
          ),
        );
      }
      const paths = await uploadForJob(job, files);
      if (!paths) return;
      // Web mode: uploads sit in a server folder the user never chose, so the name comes from the path
      // the user knows (the core applies the same rule to real paths in the desktop app and the CLI).
      const targets = models.map((m) => ({
        path: paths[files.indexOf(m)],
        name: host === 'web' ? defaultModelName(relativePathOf(m)) : undefined,
      }));
      await register(targets, (err) => (host === 'web' ? withFileNames(err, files, paths) : err));
    },
    [job, register],
  );

  /** Paths the core can already open (desktop: File → Open Model…); external data sits beside each model. */
  const addPaths = useCallback(
    async (paths: string[]) => {
      if (job.state.running) return;
      job.clearError();
      setLastAdded(null);
      await register(paths.filter((p) => MODEL_FILE.test(p)).map((path) => ({ path })));
    },
    [job, register],
  );

  /** The bytes were already registered under another name: keep a second copy under the asked name anyway. */
  const addDuplicate = useCallback(async () => {
    const asked = lastAdded?.asked;
    if (!asked || job.state.running) return;
    job.clearError();
    const result = await job.start('models/add', { path: asked.path, name: asked.name, duplicate: true });
    if (!result) return;
    const added = {
      name: result.name,
      version: result.version,
      created: result.created,
      sameBytesAs: result.sameBytesAs,
    };
    setLastAdded(added);
    onAdded(added);
  }, [job, lastAdded, onAdded]);

  // `job` is a new object on every render; its functions are stable.
  const { clearError } = job;
  /** On moving to another model, an old error or notice no longer applies (unless it is about that model). */
  const forget = useCallback(
    (ref: string | undefined) => {
      clearError();
      setLastAdded((last) => (last && ref === `${last.name}@${last.version}` ? last : null));
    },
    [clearError],
  );

  /** Registers the model onnxruntime refused, as not loading (the CLI's --allow-unloadable). */
  const keepUnloadable = useCallback(async () => {
    if (!unloadable || job.state.running) return;
    job.clearError();
    await register([{ path: unloadable.path, name: unloadable.name }], unloadable.describeError, true);
  }, [unloadable, job, register]);

  return {
    add,
    addPaths,
    addDuplicate,
    job,
    lastAdded,
    forget,
    unloadable: unloadable !== null,
    keepUnloadable,
    dismiss: () => (job.clearError(), setLastAdded(null), setUnloadable(null)),
  };
}

export type ModelAdder = ReturnType<typeof useAddModel>;

/** Uploaded files live in a server folder the user never chose: name them as the user knows them. */
function withFileNames(err: unknown, files: File[], paths: string[]): unknown {
  if (!(err instanceof PreflightError)) return err;
  let message = err.message;
  paths.forEach((p, i) => (message = message.split(p).join(relativePathOf(files[i]))));
  return message === err.message ? err : new PreflightError(err.code, message, err.details);
}
