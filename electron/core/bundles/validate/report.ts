// The validation as one self-contained HTML page (no script, no network, prints cleanly) that an ops
// engineer can attach to an incident: the verdict, every broken rule with its number and the bundle's
// limit, then every check and the per-feature drift table.

import fs from 'node:fs';
import path from 'node:path';
import { PreflightError } from '../../../../shared/contract/errors';
import type { ValidateCheck, ValidateResult } from '../../../../shared/types/bundles';
import type { CoreContext } from '../../context';
import { describeProduced, newProducedSlot } from '../produced';
import { num } from './drift-checks';

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function writeValidateReport(
  core: CoreContext,
  r: ValidateResult,
  target: string | true,
): Promise<NonNullable<ValidateResult['report']>> {
  const html = validateHtml(r);
  if (target === true) {
    const slot = newProducedSlot(core, `validate-${r.bundle.model.name}-${r.data.name}.html`);
    fs.writeFileSync(slot.path, html);
    const produced = await describeProduced(slot.id, slot.path, 'report', 'text/html; charset=utf-8');
    core.queries.bundles.addFile(produced);
    return { path: slot.path, fileId: slot.id };
  }
  const dest = path.resolve(target);
  const tmp = `${dest}.${process.pid}.partial`;
  try {
    fs.writeFileSync(tmp, html);
    fs.renameSync(tmp, dest);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new PreflightError('INVALID_INPUT', `cannot write the report ${dest}: ${(err as Error).message}`);
  }
  return { path: dest, fileId: null };
}

function row(c: ValidateCheck): string {
  const state = c.ok ? (c.notice ? 'notice' : 'ok') : 'BROKEN';
  return `<tr class="${c.ok ? (c.notice ? 'notice' : 'ok') : 'bad'}"><td>${state}</td><td>${esc(c.kind)}</td><td>${esc(c.rule)}</td><td>${esc(c.feature ?? '—')}</td><td class="n">${c.value === null ? '—' : esc(num(c.value))}</td><td class="n">${c.limit === null ? '—' : esc(num(c.limit))}</td><td>${esc(c.message)}</td></tr>`;
}

export function validateHtml(r: ValidateResult): string {
  const head =
    '<tr><th>result</th><th>kind</th><th>rule</th><th>feature</th><th>value</th><th>limit</th><th>detail</th></tr>';
  const broken = r.checks.filter((c) => !c.ok);
  const drift = r.drift
    ? `<h2>Drift per feature (profile mode, the bundle's thresholds)</h2><table><thead><tr><th>feature</th><th>test</th><th>score</th><th>threshold</th><th>drifted</th><th>missing ref / batch</th></tr></thead><tbody>${r.drift.features
        .map(
          (f) =>
            `<tr class="${f.drifted ? 'bad' : 'ok'}"><td>${esc(f.name)}</td><td>${esc(f.test)}</td><td class="n">${esc(num(f.score))}</td><td class="n">${esc(f.threshold)}</td><td>${f.tested ? (f.drifted ? 'YES' : 'no') : 'untested'}</td><td class="n">${esc(share(f.missing.reference))} / ${esc(share(f.missing.current))}</td></tr>`,
        )
        .join(
          '',
        )}</tbody></table>${r.drift.windows ? `<p>Time windows (${esc(r.drift.windows.unit)} of ${esc(r.drift.windows.column)}): ${r.drift.windows.windows.map((w) => `${esc(w.label)} ${esc((w.driftShare * 100).toFixed(0))}%`).join(', ')}</p>` : ''}`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Validation of ${esc(r.data.name)} against ${esc(r.bundle.model.name)}@${esc(r.bundle.model.version)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff;margin:24px;max-width:1200px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;break-after:avoid}
.verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}.pass{background:#e6f4ea;color:#0d652d}.fail{background:#fce8e6;color:#a50e0e}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #dde1e6;padding:4px 8px;text-align:left;vertical-align:top}
thead{display:table-header-group}tr{break-inside:avoid}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.bad td:first-child{color:#a50e0e;font-weight:600}tr.notice td:first-child{color:#7a5b00}.facts{color:#4a5560}
@media print{body{margin:0}h2{break-before:auto}}
</style></head><body>
<h1>Validation: ${esc(r.data.name)} against ${esc(r.bundle.model.name)}@${esc(r.bundle.model.version)}</h1>
<p class="facts">Bundle ${esc(r.bundle.path)} · model sha256 ${esc(r.bundle.model.sha256)} · reference ${esc(r.bundle.reference)} · batch ${esc(r.data.file ?? r.data.name)}, ${esc(r.data.rows)} rows · predictions: ${esc(r.predictions.how)}${r.predictions.reason ? ` (${esc(r.predictions.reason)})` : ''} · ${esc(r.seconds.toFixed(2))} s</p>
<div class="verdict ${r.ok ? 'pass' : 'fail'}">${r.ok ? 'The batch honours the contract.' : `${broken.length} rule(s) broken.`}</div>
${broken.length ? `<h2>Broken rules</h2><table><thead>${head}</thead><tbody>${broken.map(row).join('')}</tbody></table>` : ''}
<h2>Every check</h2><table><thead>${head}</thead><tbody>${r.checks.map(row).join('')}</tbody></table>
${drift}
</body></html>
`;
}

function share(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(x < 0.001 && x > 0 ? 3 : 1)}%`;
}
