// `preflight doctor`: what is damaged and what is intact. SQLite's integrity check, every stored
// record (JSON that no longer parses), model files on disk against the registry, left-overs of
// killed imports, and the audit trail's hash chain. A damaged workspace is marked (DAMAGED.json)
// so writes stop until a doctor run finds it sound again; reads keep working.
import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../shared/contract/errors';
import type { DoctorFinding, DoctorReport } from '../../../shared/types/workspace';
import type { CoreContext } from '../context';
import { isAlive } from '../jobs/pid';
import { DAMAGED_HINT } from './queries/stored-json';
import { DATASET_DIR } from './queries/dataset-files';

export const DAMAGED_MARKER = 'DAMAGED.json';

export function doctor(core: CoreContext, clean: boolean): DoctorReport {
  const q = core.queries.doctor;
  const findings: DoctorFinding[] = [];
  const cleaned: string[] = [];
  let integrity: string[];
  try {
    // One line per problem, trees named by their table ("Tree 28" → "table ds_4").
    integrity = q
      .integrity()
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.trim() !== '' && !l.startsWith('*** in database'));
    integrity = integrity.map((l) =>
      l.replace(/^Tree (\d+)/, (m, page: string) => {
        try {
          return `${m} (${q.treeName(Number(page)) ?? 'unknown'})`;
        } catch {
          return m;
        }
      }),
    );
  } catch (err) {
    integrity = [(err as Error).message];
  }
  if (!(integrity.length === 1 && integrity[0] === 'ok')) {
    findings.push({
      area: 'integrity',
      severity: 'damaged',
      message: `SQLite integrity check: ${integrity.slice(0, 5).join('; ')}${integrity.length > 5 ? ` (+${integrity.length - 5} more)` : ''}`,
    });
  }
  const ofOneDataset = checkDatasetFiles(core, findings);
  const tables: DoctorReport['tables'] = [];
  for (const table of q.jsonTables()) {
    try {
      const { rows, damaged } = q.scanJson(table);
      tables.push({ table, rows, damaged: damaged.length });
      if (damaged.length)
        findings.push({
          area: 'records',
          severity: 'damaged',
          message: `${table}: ${damaged.length} of ${rows} record(s) cannot be read (rowid ${damaged.slice(0, 10).join(', ')}${damaged.length > 10 ? ', …' : ''})`,
        });
    } catch (err) {
      tables.push({ table, rows: 0, damaged: -1 });
      findings.push({
        area: 'records',
        severity: 'damaged',
        message: `${table}: cannot be read (${(err as Error).message})`,
      });
    }
  }
  try {
    for (const message of core.queries.audit.verifyChain())
      findings.push({ area: 'audit', severity: 'damaged', message });
  } catch (err) {
    findings.push({
      area: 'audit',
      severity: 'damaged',
      message: `the audit trail cannot be read (${(err as Error).message})`,
    });
  }
  checkBlobs(core, findings, cleaned, clean);
  checkStaging(core, findings, cleaned, clean);
  const ok = !findings.some((f) => f.severity === 'damaged');
  // A dataset's own file that is damaged or gone harms that dataset only: the workspace is not marked,
  // so the dataset can still be removed (or its file restored) and the rest written as before.
  const workspaceDamage = findings.filter((f) => f.severity === 'damaged' && !ofOneDataset.includes(f));
  const marker = path.join(core.workspace.dir, DAMAGED_MARKER);
  if (workspaceDamage.length === 0) fs.rmSync(marker, { force: true });
  else markDamaged(core.workspace.dir, workspaceDamage.map((f) => f.message).join('; '));
  return { file: core.workspace.file, ok, integrity, tables, findings, cleaned };
}

/**
 * Each dataset's own file (rows and packed chunks): there, and sound by SQLite's integrity check.
 * Returns the findings that concern one dataset only.
 */
function checkDatasetFiles(core: CoreContext, findings: DoctorFinding[]): DoctorFinding[] {
  let files: ReturnType<CoreContext['queries']['doctor']['datasetFiles']>;
  try {
    files = core.queries.doctor.datasetFiles();
  } catch (err) {
    findings.push({ area: 'integrity', severity: 'damaged', message: `dataset files: ${(err as Error).message}` });
    return [];
  }
  const mine: DoctorFinding[] = [];
  const fix = (dataset: string) =>
    `restore it from a backup of the workspace folder, or remove the dataset: preflight datasets remove ${dataset}`;
  for (const f of files) {
    const where = `${DATASET_DIR}/${f.table}.sqlite`;
    if (f.problems === null)
      mine.push({
        area: 'integrity',
        severity: 'damaged',
        message: `dataset ${f.dataset}: its rows file ${where} is missing (${fix(f.dataset)})`,
      });
    else if (!(f.problems.length === 1 && f.problems[0] === 'ok'))
      mine.push({
        area: 'integrity',
        severity: 'damaged',
        message: `dataset ${f.dataset} (${where}): SQLite integrity check: ${f.problems.slice(0, 5).join('; ')} (${fix(f.dataset)})`,
      });
  }
  findings.push(...mine);
  return mine;
}

/** Model files: every registered version's folder must exist; folders nobody registers are orphans. */
function checkBlobs(core: CoreContext, findings: DoctorFinding[], cleaned: string[], clean: boolean): void {
  let digests: string[];
  try {
    digests = core.queries.doctor.contentDigests();
  } catch {
    return; // the table itself is damaged: reported above
  }
  const dir = core.workspace.blobsDir;
  const present = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  for (const d of digests) {
    if (!present.has(d) || !fs.existsSync(path.join(dir, d, 'model.onnx')))
      findings.push({
        area: 'blobs',
        severity: 'damaged',
        message: `model files ${d.slice(0, 12)}… are missing from ${dir}`,
      });
  }
  const known = new Set(digests);
  for (const name of present) {
    if (known.has(name)) continue;
    if (clean) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      cleaned.push(`orphaned model files ${name}`);
    } else
      findings.push({
        area: 'blobs',
        severity: 'leftover',
        message: `orphaned model files ${name} (no version refers to them; --clean removes them)`,
      });
  }
}

/** Staging tables of imports that were killed and staging folders under tmp/. */
function checkStaging(core: CoreContext, findings: DoctorFinding[], cleaned: string[], clean: boolean): void {
  const tables = core.queries.datasets.orphanStagingTables(new Set());
  for (const t of tables) {
    const pid = parseInt(t.slice('ds_staging_'.length, 'ds_staging_'.length + 8), 16);
    if (pid === process.pid || isAlive(pid)) continue; // an import running now
    if (clean) {
      try {
        core.queries.datasets.dropTable(t);
        cleaned.push(`staging table ${t}`);
      } catch (err) {
        findings.push({
          area: 'staging',
          severity: 'leftover',
          message: `staging table ${t} could not be removed now (${(err as Error).message}); run --clean again later`,
        });
      }
    } else
      findings.push({
        area: 'staging',
        severity: 'leftover',
        message: `staging table ${t} (a killed import; --clean removes it)`,
      });
  }
  const tmp = core.workspace.tmpDir;
  for (const name of fs.existsSync(tmp) ? fs.readdirSync(tmp) : []) {
    const pid = Number(/-(\d+)(?:-|$)/.exec(name)?.[1]);
    if (pid && (pid === process.pid || isAlive(pid))) continue; // in use by a running process
    if (clean) {
      fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
      cleaned.push(`tmp/${name}`);
    } else findings.push({ area: 'staging', severity: 'leftover', message: `tmp/${name} (--clean removes it)` });
  }
}

export function markDamaged(dir: string, what: string): void {
  try {
    fs.writeFileSync(
      path.join(dir, DAMAGED_MARKER),
      `${JSON.stringify({ at: new Date().toISOString(), what }, null, 2)}\n`,
    );
  } catch {
    /* a read-only folder: the error itself still says what to do */
  }
}

/** Refuses a write to a workspace marked damaged: nothing more is written into a damaged file. */
export function refuseIfDamaged(dir: string, method: string): void {
  const marker = path.join(dir, DAMAGED_MARKER);
  if (!fs.existsSync(marker)) return;
  let what = '';
  try {
    what = (JSON.parse(fs.readFileSync(marker, 'utf8')) as { what?: string }).what ?? '';
  } catch {
    /* the marker's words are a courtesy */
  }
  throw new PreflightError(
    'WORKSPACE_ERROR',
    `workspace damaged${what ? ` (${what})` : ''}: ${method} was refused so nothing more is written into it; ${DAMAGED_HINT}`,
    { damaged: true },
  );
}
