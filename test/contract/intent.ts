// What a contract scenario asks of a host, and what it gets back.

export interface Outcome {
  ok: boolean;
  result?: any;
  error?: { code: string; message: string };
  /** The CLI's exit code (a check command answers a result with exit 1 when the check fails). */
  exit?: number;
  /** What a job said while it ran: job/progressed messages, or the CLI's progress lines on stderr. */
  progress?: string[];
  /** Set, instead of an answer, when this host has no form of the method: why. */
  unavailable?: string;
}

export interface Host {
  name: string;
  perform(intent: Intent): Promise<Outcome>;
  /**
   * Starts a job and, once it has reported progress, performs the follow-up intents made from its
   * id while it runs; then waits for the job's own outcome.
   */
  during(job: Intent, follow: (jobId: string) => Intent[]): Promise<{ job: Outcome; follow: Outcome[] }>;
  close(): Promise<void>;
}

/**
 * Where the CLI has no command for a method, the reason it does not need one. `interrupt`: the CLI's
 * form of it is Ctrl-C (SIGINT) on the running command.
 */
export interface NoCliForm {
  none: string;
  interrupt?: true;
}

export interface Intent {
  method: string;
  args: Record<string, unknown>;
  job: boolean;
  cli: string[] | NoCliForm;
}

/** When the host answered "no form of this method", checks the stated reason and says so (the scenario stops there). */
export function lacksForm(out: Outcome, why: RegExp): boolean {
  if (out.unavailable === undefined) return false;
  if (!why.test(out.unavailable)) throw new Error(`unexpected reason for the missing form: ${out.unavailable}`);
  return true;
}
