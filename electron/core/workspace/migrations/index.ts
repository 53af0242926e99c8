// Every migration, in order. Files are numbered, forward-only and checksummed when applied: the
// workspace refuses to open if an applied file was edited or if it has migrations this build lacks.
import m0001 from './0001_registry.sql';
import m0002 from './0002_datasets.sql';
import m0003 from './0003_bench.sql';
import m0004 from './0004_drift.sql';
import m0005 from './0005_bundles.sql';
import m0006 from './0006_audit_chain.sql';
import m0007 from './0007_column_chunks.sql';
import m0008 from './0008_settings.sql';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: '0001_registry', sql: m0001 },
  { version: 2, name: '0002_datasets', sql: m0002 },
  { version: 3, name: '0003_bench', sql: m0003 },
  { version: 4, name: '0004_drift', sql: m0004 },
  { version: 5, name: '0005_bundles', sql: m0005 },
  { version: 6, name: '0006_audit_chain', sql: m0006 },
  { version: 7, name: '0007_column_chunks', sql: m0007 },
  { version: 8, name: '0008_settings', sql: m0008 },
];
