import type { Command } from '../command';
import { benchCommand } from './bench';
import { exportCommand, keysCommand, verifyCommand } from './bundles';
import { datasetsCommand } from './datasets';
import { demoCommand } from './demo';
import { doctorCommand } from './doctor';
import { auditCommand } from './audit';
import { driftCommand } from './drift';
import { modelsCommand } from './models';
import { serveCommand } from './serve';
import { readyCommand } from './ready';
import { validateCommand } from './validate';

/** The public command surface (PRODUCT.md). Commands whose issue has not landed say so instead of vanishing. */
export const COMMANDS: Command[] = [
  serveCommand,
  modelsCommand,
  datasetsCommand,
  benchCommand,
  driftCommand,
  demoCommand,
  keysCommand,
  exportCommand,
  verifyCommand,
  validateCommand,
  readyCommand,
  doctorCommand,
  auditCommand,
];
