import { find } from 'linkifyjs';

export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Only web links become anchors: javascript:, data:, ftp:, mailto: and friends stay text. */
function webHref(href: string): string | null {
  try {
    const parsed = new URL(href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits message text into plain text and links; the caller renders both as text nodes.
 * linkifyjs does the finding (balanced parentheses as in Wikipedia's `Mercury_(planet)`,
 * trailing punctuation, `www.` and bare domains): a hand-written pattern got those wrong.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of find(text, 'url')) {
    const href = webHref(match.href);
    if (!href) continue;
    if (match.start > last) parts.push({ kind: 'text', text: text.slice(last, match.start) });
    parts.push({ kind: 'link', text: match.value, href });
    last = match.end;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
