import type { Client } from '../../shared/client';
import type { Core } from '../core/api';
import type { Output } from './output';

export interface CommandEnv {
  client: Client;
  out: Output;
  /** Cancelled on Ctrl-C: jobs are cancelled, nothing half-written is kept. */
  signal: AbortSignal;
  /** For hosts built on top of the CLI (serve): opens the core (once; the client does so on its first call). */
  openCore(): Core;
  workspaceDir: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], env: CommandEnv): Promise<number | void>;
}
