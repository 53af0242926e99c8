// Markdown and HTML renderers of the runbook model. The HTML is one self-contained printable page:
// inline CSS, no script, no external resource; every interpolated string is escaped.
import { ENTRY_FIELDS, isMulti, type Inline, type Runbook, type Text } from './runbook-model';

// ——— Markdown ———

/** Backslash-escapes what Markdown would read as markup or raw HTML (a feature named `<b>` stays text). */
export function escapeMd(s: string): string {
  // Only what can start markup mid-line: `>` and `|` are harmless here (no blockquotes, no tables), and an
  // underscore inside a word (debt_ratio) never emphasises, so raw Markdown stays readable.
  return s
    .replace(/[\\`*[\]<]/g, (c) => `\\${c}`)
    .replace(/&(?=[#A-Za-z])/g, '\\&')
    .replace(/(^|[^A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (m) => m.replace('_', '\\_'));
}

function mdInline(i: Inline): string {
  if (typeof i === 'string') return escapeMd(i);
  // A code span must use a longer backtick run than any inside it.
  const ticks = '`'.repeat(Math.max(0, ...(i.code.match(/`+/g) ?? []).map((m) => m.length)) + 1);
  return ticks + (i.code.startsWith('`') ? ' ' : '') + i.code + (i.code.endsWith('`') ? ' ' : '') + ticks;
}
const md = (t: Text): string => t.map(mdInline).join('');

export function renderMarkdown(r: Runbook): string {
  const out: string[] = [`# ${escapeMd(r.title)}`, '', md(r.subtitle), ''];
  if (r.readiness.length) {
    out.push('## Production readiness at export', '');
    for (const t of r.readiness) out.push(`- ${md(t)}`);
    out.push('');
  }
  out.push('## 0. Service facts', '');
  for (const f of r.facts) out.push(`- ${md(f)}`);
  out.push('', '## 1. Alerts (one entry each)', '');
  for (const a of r.alerts) {
    out.push(`### ALERT ${a.name}`, '', `_${escapeMd(a.mode)}_`, '');
    for (const [label, get] of ENTRY_FIELDS) {
      const v = get(a);
      if (isMulti(v)) {
        out.push(`- ${label}:`);
        for (const line of v) out.push(`  - ${md(line)}`);
      } else out.push(`- ${label}: ${md(v)}`);
    }
    out.push(`- Command: ${mdInline({ code: a.command })}`, '');
  }
  out.push('## 2. Standard procedures', '');
  for (const p of r.procedures) out.push(`- ${md(p)}`);
  return out.join('\n') + '\n';
}

// ——— HTML ———

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
const html = (t: Text): string =>
  t.map((i) => (typeof i === 'string' ? escapeHtml(i) : `<code>${escapeHtml(i.code)}</code>`)).join('');

// Light colours and page-break rules so the page prints as ops expect; system fonts only (no URL).
const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#fff;max-width:960px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:1.6em}
code{font:12.5px ui-monospace,Menlo,Consolas,monospace;background:#f3f4f6;padding:0 .25em;border-radius:3px;word-break:break-all}
section.alert{border:1px solid #d0d7de;border-left:4px solid #9a6700;border-radius:4px;padding:.4em 1em;margin:1em 0;background:#fffdf6}
section.alert h3{margin:.3em 0}.mode{color:#57606a;font-style:italic;margin:0 0 .5em}
dl{display:grid;grid-template-columns:9em 1fr;gap:.25em 1em;margin:0}dt{font-weight:600;color:#24292f}dd{margin:0}dd ul{margin:0;padding-left:1.2em}
@media print{body{margin:0;max-width:none;font-size:11pt}section.alert{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid;page-break-after:avoid}a{color:inherit;text-decoration:none}}`;

export function renderHtml(r: Runbook): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(r.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(r.title)}</h1>`,
    `<p>${html(r.subtitle)}</p>`,
  ];
  if (r.readiness.length)
    out.push(
      '<h2>Production readiness at export</h2>',
      '<ul>',
      ...r.readiness.map((t) => `<li>${html(t)}</li>`),
      '</ul>',
    );
  out.push('<h2>0. Service facts</h2>', '<ul>');
  for (const f of r.facts) out.push(`<li>${html(f)}</li>`);
  out.push('</ul>', '<h2>1. Alerts (one entry each)</h2>');
  for (const a of r.alerts) {
    out.push(
      `<section class="alert"><h3>ALERT ${escapeHtml(a.name)}</h3>`,
      `<p class="mode">${escapeHtml(a.mode)}</p>`,
      '<dl>',
    );
    for (const [label, get] of ENTRY_FIELDS) {
      const v = get(a);
      const body = isMulti(v) ? `<ul>${v.map((l) => `<li>${html(l)}</li>`).join('')}</ul>` : html(v);
      out.push(`<dt>${escapeHtml(label)}</dt><dd>${body}</dd>`);
    }
    out.push(`<dt>Command</dt><dd><code>${escapeHtml(a.command)}</code></dd>`, '</dl></section>');
  }
  out.push('<h2>2. Standard procedures</h2>', '<ul>');
  for (const p of r.procedures) out.push(`<li>${html(p)}</li>`);
  out.push('</ul>', '</body>', '</html>');
  return out.join('\n') + '\n';
}
