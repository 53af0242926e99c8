import type { Command } from '../command';
import { benchCommand } from './bench';
import { datasetsCommand } from './datasets';
import { demoCommand } from './demo';
import { doctorCommand } from './doctor';
import { auditCommand } from './audit';
import { driftCommand } from './drift';
import { modelsCommand } from './models';
import { serveCommand } from './serve';
import { planned } from './planned';

/** The public command surface (PRODUCT.md). Commands whose issue has not landed say so instead of vanishing. */
export const COMMANDS: Command[] = [
  serveCommand,
  modelsCommand,
  datasetsCommand,
  benchCommand,
  driftCommand,
  demoCommand,
  doctorCommand,
  auditCommand,
  planned('export', 'export a deployment bundle for ops', 5),
  planned('verify', 'verify a bundle’s hashes and signature', 5),
  planned('validate', 'validate production data against a bundle’s contracts', 5),
];
