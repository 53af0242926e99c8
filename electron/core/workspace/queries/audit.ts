// The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained. Each entry's
// sha256 covers its fields and the previous entry's sha256, so `preflight doctor` can name the first
// entry that was edited, removed or reordered.
import { createHash } from 'node:crypto';
import os from 'node:os';
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../../shared/types/workspace';

/** The chain's start: the "previous hash" of the first chained entry. */
export const GENESIS = '0'.repeat(64);

interface Row {
  id: number;
  at: string;
  method: string;
  outcome: string;
  detail: string | null;
  user: string | null;
  hashes_json: string | null;
  prev_sha256: string | null;
  sha256: string | null;
}

export function entryHash(r: Omit<Row, 'sha256'>): string {
  const canonical = JSON.stringify([r.id, r.at, r.method, r.outcome, r.detail, r.user, r.hashes_json, r.prev_sha256]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

export function auditQueries(db: Database.Database) {
  const last = db.prepare('SELECT id, sha256 FROM audit ORDER BY id DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit (id, at, method, outcome, detail, user, hashes_json, prev_sha256, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // IMMEDIATE: two processes appending at once must not both chain onto the same previous entry.
  const append = db.transaction(
    (method: string, outcome: string, detail: string | null, hashes: Record<string, string> | undefined) => {
      const prev = last.get() as { id: number; sha256: string | null } | undefined;
      const row = {
        id: (prev?.id ?? 0) + 1,
        at: new Date().toISOString(),
        method,
        outcome,
        detail,
        user: osUser(),
        hashes_json: hashes && Object.keys(hashes).length ? JSON.stringify(hashes) : null,
        prev_sha256: prev?.sha256 ?? GENESIS,
      };
      insert.run(
        row.id,
        row.at,
        row.method,
        row.outcome,
        row.detail,
        row.user,
        row.hashes_json,
        row.prev_sha256,
        entryHash(row),
      );
    },
  );
  return {
    /** Appends one entry: what (method, outcome, detail), when, by whom, with the hashes involved. */
    record(method: string, outcome: string, detail?: string, hashes?: Record<string, string>): void {
      append.immediate(method, outcome, detail ?? null, hashes);
    },
    /** Entries, newest first, optionally filtered by method prefix and outcome. */
    list(filter: { method?: string; outcome?: string; limit?: number; beforeId?: number } = {}): AuditEntry[] {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown) => {
        where.push(clause);
        params.push(value);
      };
      if (filter.method) add("method LIKE ? ESCAPE '\\'", `${filter.method.replace(/[\\%_]/g, '\\$&')}%`);
      if (filter.outcome) add('outcome = ?', filter.outcome);
      if (filter.beforeId) add('id < ?', filter.beforeId);
      const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      params.push(filter.limit ?? 500);
      return (db.prepare(sql).all(...params) as Row[]).map(toEntry);
    },
    /**
     * Walks the whole trail in order and returns what breaks the chain, first break first: an entry
     * whose hash does not match its contents, one whose previous hash is not its predecessor's, a gap
     * in the ids (a removed entry), or an unchained entry after the chain began.
     */
    verifyChain(): string[] {
      const problems: string[] = [];
      let prev: Row | null = null;
      let chained = false;
      for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<Row>) {
        if (r.sha256 === null) {
          if (chained)
            problems.push(
              `audit entry ${r.id} (${r.method}, ${r.at}) has no hash after the chain began: it was inserted or altered`,
            );
          prev = r;
          continue;
        }
        if (prev && r.id !== prev.id + 1)
          problems.push(`audit entries ${prev.id + 1}…${r.id - 1} are missing (removed)`);
        const expectedPrev = chained ? prev?.sha256 : (prev?.sha256 ?? GENESIS);
        if (r.prev_sha256 !== expectedPrev)
          problems.push(
            `audit entry ${r.id} (${r.method}, ${r.at}) does not follow entry ${prev?.id}: the chain is broken there`,
          );
        if (entryHash(r) !== r.sha256)
          problems.push(`audit entry ${r.id} (${r.method}, ${r.at}) was altered: its contents do not match its hash`);
        chained = true;
        prev = r;
        if (problems.length >= 20) break;
      }
      return problems;
    },
  };
}

function toEntry(r: Row): AuditEntry {
  let hashes: Record<string, string> = {};
  try {
    hashes = r.hashes_json ? (JSON.parse(r.hashes_json) as Record<string, string>) : {};
  } catch {
    /* verifyChain reports the entry; the trail still shows */
  }
  return {
    id: r.id,
    at: r.at,
    method: r.method,
    outcome: r.outcome,
    detail: r.detail,
    user: r.user,
    hashes,
    prevSha256: r.prev_sha256,
    sha256: r.sha256,
  };
}
