import type { DoctorReport } from '../../../shared/types/workspace';
import { parse } from '../args';
import type { Command } from '../command';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the workspace: integrity, records, model files, left-overs, audit chain',
  usage: `preflight doctor [--clean] [--workspace DIR] [--json]
    exit 0: nothing damaged; 1: something is damaged (the report says what, and what is intact)
    --clean removes left-overs (orphaned model files, staging of killed imports); records are never touched`,
  async run(argv, { client, out }) {
    const { values } = parse(argv, { clean: { type: 'boolean' } }, 'doctor');
    const report = await client.call('workspace/doctor', values.clean ? { clean: true } : {});
    out.result(report, () => describe(report));
    return report.ok ? 0 : 1;
  },
};

function describe(r: DoctorReport): string {
  const lines = [`${r.file}: ${r.ok ? 'healthy' : 'DAMAGED'}`];
  lines.push(`integrity check: ${r.integrity.length === 1 && r.integrity[0] === 'ok' ? 'ok' : 'FAILED'}`);
  for (const t of r.tables)
    lines.push(
      `  ${t.table.padEnd(16)} ${t.damaged < 0 ? 'unreadable' : t.damaged ? `${t.damaged} of ${t.rows} damaged` : `${t.rows} intact`}`,
    );
  for (const f of r.findings)
    lines.push(`${f.severity === 'damaged' ? 'DAMAGED' : 'left-over'} [${f.area}] ${f.message}`);
  for (const c of r.cleaned) lines.push(`removed ${c}`);
  if (!r.ok)
    lines.push(
      'restore the workspace file from a backup, or export what is intact; writes are refused until doctor finds it sound',
    );
  return lines.join('\n');
}
