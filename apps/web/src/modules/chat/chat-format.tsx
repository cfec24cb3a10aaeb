import type { ReactNode } from 'react';

/**
 * Chat text → React nodes. The text is never parsed as HTML: it is split into strings and a
 * few elements built here (`*bold*`, `_italic_`, `` `code` ``, line breaks, http(s) links,
 * @mentions), so `<script>` or `<img onerror>` typed into a message shows as those characters.
 */

const CODE = /`([^`\n]+)`/g;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// A marker counts only at a word edge, so `snake_case_name` and `2*3*4` stay as they are.
const EMPHASIS = /(^|[^\p{L}\p{N}_*])(\*([^*\n]+)\*|_([^_\n]+)_)(?=$|[^\p{L}\p{N}_*])/u;

/** Only http(s) becomes a link; the URL parser has the last word on what the href is. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

interface Ctx {
  mentions: readonly string[];
  key: { n: number };
}

const next = (ctx: Ctx) => `f${ctx.key.n++}`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain text with known `@Name` mentions highlighted. */
function withMentions(text: string, ctx: Ctx): ReactNode[] {
  if (!ctx.mentions.length || !text.includes('@')) return [text];
  const names = [...ctx.mentions].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const re = new RegExp(`@(?:${names.join('|')})`, 'g');
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(
      <span key={next(ctx)} className="chat-mention">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Bold and italic (one level of nesting), then mentions. */
function withEmphasis(text: string, ctx: Ctx, depth = 0): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  for (let m = EMPHASIS.exec(rest); m && depth < 2; m = EMPHASIS.exec(rest)) {
    const start = m.index + (m[1] ?? '').length;
    if (start > 0) out.push(...withMentions(rest.slice(0, start), ctx));
    const bold = m[3];
    const inner = withEmphasis(bold ?? m[4] ?? '', ctx, depth + 1);
    out.push(bold !== undefined ? <strong key={next(ctx)}>{inner}</strong> : <em key={next(ctx)}>{inner}</em>);
    rest = rest.slice(start + (m[2] ?? '').length);
  }
  if (rest) out.push(...withMentions(rest, ctx));
  return out;
}

/** Links first (so a `_` inside a URL is not italic), then emphasis around them. */
function withLinks(text: string, ctx: Ctx): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    // Trailing punctuation belongs to the sentence, not the URL.
    const raw = m[0].replace(/[.,;:!?)\]]+$/, '');
    const href = safeHref(raw);
    if (!href) continue;
    if (m.index > last) out.push(...withEmphasis(text.slice(last, m.index), ctx));
    out.push(
      <a key={next(ctx)} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {raw}
      </a>,
    );
    last = m.index + raw.length;
  }
  if (last < text.length) out.push(...withEmphasis(text.slice(last), ctx));
  return out;
}

function formatLine(line: string, ctx: Ctx): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of line.matchAll(CODE)) {
    if (m.index > last) out.push(...withLinks(line.slice(last, m.index), ctx));
    out.push(<code key={next(ctx)}>{m[1]}</code>);
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(...withLinks(line.slice(last), ctx));
  return out;
}

/** The nodes of a message; `mentions` are the names of the people mentioned in it. */
export function formatChatText(text: string, mentions: readonly string[] = []): ReactNode[] {
  const ctx: Ctx = { mentions: mentions.filter(Boolean), key: { n: 0 } };
  const out: ReactNode[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) out.push(<br key={next(ctx)} />);
    out.push(...formatLine(line, ctx));
  });
  return out;
}
