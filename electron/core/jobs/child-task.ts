// What a child task is. Each domain contributes its own tasks (bench/child-tasks.ts, drift/child-tasks.ts,
// bundles/child-tasks.ts); the registry lives beside the child's entry point (core/child-main.ts), so
// jobs/ imports no domain.
export interface ChildTaskContext {
  signal: AbortSignal;
  progress(fraction: number | null, message: string, data?: Record<string, unknown>): void;
}

/** A task takes the payload its caller sent (each task declares its own payload type). */
export type ChildTask = (payload: never, ctx: ChildTaskContext) => Promise<unknown>;
