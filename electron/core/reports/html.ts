// The page every hand-over report shares: one self-contained HTML file (no script, nothing fetched —
// the CSP says so too), light theme, a header of provenance facts, sections that start on a new
// printed page, table headers repeated on every printed page.

export const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface ReportSection {
  title: string;
  /** Trusted HTML built by the report (every data value passed through esc). */
  body: string;
}

const CSS = `
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;margin:24px auto;max-width:1180px;padding:0 16px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:0 0 10px;break-after:avoid}h3{font-size:14px;margin:16px 0 6px;break-after:avoid}
header.report{border-bottom:2px solid #1b1f24;padding-bottom:10px;margin-bottom:16px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}dl.facts dt{color:#4a5560}dl.facts dd{margin:0}
section{margin:0 0 28px}
.verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:8px 0 12px}.ok{background:#e6f4ea;color:#0d652d}.bad{background:#fce8e6;color:#a50e0e}.warn{background:#fff4d6;color:#6b4e00}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #dde1e6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600}thead{display:table-header-group}tr{break-inside:avoid}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}.muted{color:#4a5560}
figure{margin:10px 0;break-inside:avoid}figcaption{font-weight:600;margin-bottom:4px}figure svg{max-width:100%;height:auto}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:8px 18px}
ul{margin:6px 0;padding-left:20px}
@page{margin:14mm}
@media print{body{margin:0;max-width:none;padding:0}section{break-before:page}section:first-of-type{break-before:auto}a{color:inherit;text-decoration:none}}
`;

export function page(title: string, facts: [string, string][], sections: ReportSection[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Preflight">
<title>${esc(title)}</title>
<style>${CSS}</style></head><body>
<header class="report"><h1>${esc(title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl></header>
${sections.map((s) => `<section><h2>${esc(s.title)}</h2>\n${s.body}\n</section>`).join('\n')}
</body></html>
`;
}

/** A table; cells are trusted HTML, `numeric` columns right-aligned. */
export function table(head: string[], rows: string[][], numeric: number[] = [], caption?: string): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="n"' : '');
  return `<table>${caption ? `<caption class="muted" style="text-align:left">${esc(caption)}</caption>` : ''}<thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export const figure = (caption: string, svg: string) =>
  `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;
export const list = (items: string[]) =>
  items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '';
