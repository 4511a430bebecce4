/**
 * The search route's `snippet` (docs/api.md, "Search"): the message text HTML-escaped, with
 * `<mark>`…`</mark>` around each hit and nothing else. Parsed into text and marked runs that
 * React renders as text nodes; it never reaches innerHTML. Anything unexpected (another tag, an
 * unknown entity) stays visible as the literal text it is.
 */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

function unescape(html: string): string {
  return html.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (html: string, mark: boolean) => {
    if (html === '') return;
    const text = unescape(html);
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  let rest = snippet;
  for (;;) {
    const open = rest.indexOf('<mark>');
    if (open < 0) break;
    const close = rest.indexOf('</mark>', open + 6);
    if (close < 0) break;
    push(rest.slice(0, open), false);
    push(rest.slice(open + 6, close), true);
    rest = rest.slice(close + 7);
  }
  push(rest, false);
  return parts;
}
