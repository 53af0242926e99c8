// Handled by electron/core/models/handlers.ts (workspace/info too).
import { z } from 'zod';
import { method } from '../define';
import type { ModelSummary, ModelVersion } from '../../types/models';
import type { WorkspaceInfo } from '../../types/workspace';

const ref = z.string().min(1, 'a name is required, e.g. my-model or my-model@2');

export const modelMethods = {
  'workspace/info': method<WorkspaceInfo>()({
    summary: 'Where the workspace is, its schema version and what it holds',
    job: false,
    args: z.object({}).strict(),
  }),
  'models/add': method<ModelVersion & { created: boolean; sameBytesAs?: string[] }>()({
    summary: 'Register a local .onnx file (and its external data) as a new model version',
    job: true,
    args: z
      .object({
        path: z.string().min(1, 'a path to an .onnx file is required'),
        name: z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
            'names use letters, digits, ".", "_" and "-" (max 128), starting with a letter or digit',
          )
          .optional(),
        /** Keep a model onnxruntime cannot load (it is refused by default: nothing downstream can use it). */
        allowUnloadable: z.boolean().optional(),
        /**
         * Register these bytes under `name` even when another model already holds the very same bytes
         * (default: answer with that one, created: false, and say so in sameBytesAs).
         */
        duplicate: z.boolean().default(false),
      })
      .strict(),
  }),
  'models/list': method<ModelSummary[]>()({
    summary: 'All registered models with their latest version',
    job: false,
    args: z.object({}).strict(),
  }),
  'models/show': method<ModelVersion & { versions: { version: number; sha256: string; addedAt: string }[] }>()({
    summary: 'One model version: NAME (latest) or NAME@VERSION',
    job: false,
    args: z.object({ ref }).strict(),
  }),
} as const;
