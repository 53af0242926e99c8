import type { ReactNode } from 'react';

// Just enough Markdown for the runbook preview (headings, nested lists, paragraphs, code spans and
// fences, emphasis, escapes), rendered as React elements: no HTML is ever injected, so text from the
// workspace (column names, dataset names) cannot become markup. Anything else shows as plain text.

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'list'; ordered: boolean; items: { text: string; children: Block | null }[] }
  | { kind: 'code'; text: string }
  | { kind: 'paragraph'; text: string };

export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{parse(source.replace(/\r\n?/g, '\n').split('\n')).map(renderBlock)}</div>;
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

function parse(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i])) body.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const start = i;
      while (i < lines.length && (LIST_ITEM.test(lines[i]) || (/^\s+\S/.test(lines[i]) && i > start))) i++;
      blocks.push(parseList(lines.slice(start, i)));
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,6}\s|\s*```)/.test(lines[i]) && !LIST_ITEM.test(lines[i]))
      para.push(lines[i++].trim());
    blocks.push({ kind: 'paragraph', text: para.join(' ') });
  }
  return blocks;
}

/** Items at the first line's indent; deeper lines belong to the item above them (a nested list). */
function parseList(lines: string[]): Block {
  const indent = LIST_ITEM.exec(lines[0])![1].length;
  const ordered = /\d/.test(LIST_ITEM.exec(lines[0])![2]);
  const items: { text: string; children: Block | null }[] = [];
  let nested: string[] = [];
  const flush = () => {
    if (nested.length && items.length) items[items.length - 1].children = parseList(nested);
    nested = [];
  };
  for (const line of lines) {
    const m = LIST_ITEM.exec(line);
    if (m && m[1].length <= indent) {
      flush();
      items.push({ text: m[3], children: null });
    } else if (m) nested.push(line);
    else if (items.length) items[items.length - 1].text += ` ${line.trim()}`;
  }
  flush();
  return { kind: 'list', ordered, items };
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      // The page already has h1/h2: runbook headings start at h3 so the outline stays right.
      const Tag = `h${Math.min(6, block.level + 2)}` as 'h3';
      return <Tag key={key}>{inline(block.text)}</Tag>;
    }
    case 'code':
      return (
        <pre key={key} className="pre markdown-code">
          {block.text}
        </pre>
      );
    case 'paragraph':
      return <p key={key}>{inline(block.text)}</p>;
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return (
        <Tag key={key}>
          {block.items.map((item, i) => (
            <li key={i}>
              {inline(item.text)}
              {item.children && renderBlock(item.children, 0)}
            </li>
          ))}
        </Tag>
      );
    }
  }
}

/** Code spans, **bold**, _italic_ / *italic*, [text](url) as its text, and backslash escapes. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern =
    /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w\\])_(.+?)_(?!\w)|(?<![\w\\*])\*(?!\s)(.+?)\*(?!\w)|\[([^\]]+)\]\([^)]*\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) {
    if (m.index > last) out.push(unescape(text.slice(last, m.index)));
    const key = out.length;
    if (m[1] !== undefined) out.push(<code key={key}>{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={key}>{inline(m[2])}</strong>);
    else if (m[3] !== undefined || m[4] !== undefined) out.push(<em key={key}>{inline(m[3] ?? m[4])}</em>);
    else out.push(unescape(m[5]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(unescape(text.slice(last)));
  return out;
}

const unescape = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
