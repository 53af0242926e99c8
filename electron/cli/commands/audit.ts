import { formatDateTime } from '../../../shared/format/index';
import type { AuditEntry } from '../../../shared/types/workspace';
import { int, parse } from '../args';
import type { Command } from '../command';
import { table } from './models';

export const auditCommand: Command = {
  name: 'audit',
  summary: 'show the audit trail (append-only, hash-chained; `preflight doctor` verifies it)',
  usage: `preflight audit [--method PREFIX] [--outcome ok|CODE] [--limit N] [--jsonl] [--workspace DIR] [--json]
    --jsonl prints one JSON object per line, oldest first (for archiving or a regulator)`,
  async run(argv, { client, out }) {
    const { values } = parse(
      argv,
      {
        method: { type: 'string' },
        outcome: { type: 'string' },
        limit: { type: 'string' },
        jsonl: { type: 'boolean' },
      },
      'audit',
    );
    const entries = await client.call('audit/list', {
      method: values.method,
      outcome: values.outcome,
      limit: int(values.limit, 'limit', 1) ?? 100_000,
    });
    if (values.jsonl) {
      process.stdout.write(
        entries
          .reverse()
          .map((e) => `${JSON.stringify(e)}\n`)
          .join(''),
      );
      return;
    }
    out.result(entries, () => (entries.length === 0 ? 'the audit trail is empty' : describe(entries)));
  },
};

function describe(entries: AuditEntry[]): string {
  return table(
    ['ID', 'AT', 'USER', 'METHOD', 'OUTCOME', 'WHAT', 'HASHES', 'SHA256'],
    entries.map((e) => [
      String(e.id),
      formatDateTime(e.at),
      e.user ?? '-',
      e.method,
      e.outcome,
      (e.detail ?? '').slice(0, 48),
      Object.values(e.hashes)
        .map((h) => h.slice(0, 12))
        .join(' '),
      e.sha256?.slice(0, 12) ?? '(before chain)',
    ]),
  );
}
