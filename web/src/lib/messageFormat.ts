/**
 * The message formatting both clients share: `*bold*`, `_italic_`, `` `code` ``, fenced code
 * blocks and `> quotes`, the way Slack and Telegram users type them. The stored text stays
 * plain; this only decides how it is shown. The desktop app has the same rules in
 * shared/natter/messageformat.cpp, and tests/shared/message-format-cases.json holds the
 * cases both must parse identically.
 *
 * Hand-written rather than a Markdown library on purpose: Markdown reads `*x*` as italic, adds
 * headings, lists and raw HTML, and no library exists in both C++ and TypeScript with the same
 * grammar. The output is a tree of plain strings; nothing here produces HTML.
 */

export type Inline =
  string | { bold: Inline[] } | { italic: Inline[] } | { code: string } | { br: true };

export type Block = { paragraph: Inline[] } | { quote: Inline[] } | { codeblock: string };

const FENCE = '```';
const LANGUAGE_TAG = /^[A-Za-z0-9_+#.-]+$/;

/** Letters and digits glue markers to a word: snake_case and 2*3*4 stay as typed. */
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /^[\p{L}\p{N}]$/u.test(c);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0';
}

/** Only the spaces isSpace knows: String.trim and Qt's trimmed() disagree on others. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return text.slice(start, end);
}

/**
 * Links keep their underscores and stars: a whitespace-separated token holding `://` or
 * starting with `www.` is taken as it is.
 */
function protectedMask(line: string): boolean[] {
  const mask = new Array<boolean>(line.length).fill(false);
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || isSpace(line[i])) {
      const token = line.slice(start, i);
      if (token.includes('://') || token.startsWith('www.')) mask.fill(true, start, i);
      start = i + 1;
    }
  }
  return mask;
}

function canOpen(line: string, i: number, marker: string): boolean {
  const next = line[i + 1];
  return !isWordChar(line[i - 1]) && next !== undefined && !isSpace(next) && next !== marker;
}

function findClose(line: string, open: number, marker: string, mask: boolean[]): number {
  for (let j = open + 2; j < line.length; j++) {
    if (line[j] !== marker || mask[j]) continue;
    if (!isSpace(line[j - 1]) && !isWordChar(line[j + 1])) return j;
  }
  return -1;
}

function parseSpan(
  line: string,
  from: number,
  to: number,
  mask: boolean[],
  allowBold: boolean,
  allowItalic: boolean,
): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(text);
    text = '';
  };
  let i = from;
  while (i < to) {
    const c = line[i]!;
    if (!mask[i] && c === '`') {
      const close = line.indexOf('`', i + 1);
      if (close > i + 1 && close < to) {
        flush();
        out.push({ code: line.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    const wanted = (c === '*' && allowBold) || (c === '_' && allowItalic);
    if (!mask[i] && wanted && canOpen(line, i, c)) {
      const close = findClose(line, i, c, mask);
      if (close > 0 && close < to) {
        flush();
        const bold = c === '*';
        const children = parseSpan(
          line,
          i + 1,
          close,
          mask,
          allowBold && !bold,
          allowItalic && bold,
        );
        out.push(bold ? { bold: children } : { italic: children });
        i = close + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** One line of text with its inline spans; spans never cross a line break. */
export function parseInline(line: string): Inline[] {
  return parseSpan(line, 0, line.length, protectedMask(line), true, true);
}

function linesToInlines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) out.push({ br: true });
    out.push(...parseInline(line));
  });
  return out;
}

function isQuoteLine(line: string): boolean {
  return line === '>' || line.startsWith('> ');
}

/**
 * What an opening fence line carries into the code: nothing for ``` alone, or with a language
 * tag (not shown) when the block is closed later; otherwise the rest of the line, so an
 * unclosed "```js" still shows what was typed.
 */
function fenceRest(line: string, closed: boolean): string {
  const rest = line.slice(FENCE.length);
  return trimSpaces(rest) === '' || (closed && LANGUAGE_TAG.test(rest)) ? '' : rest;
}

function isOneLineFence(line: string): boolean {
  return line.startsWith(FENCE) && line.length > 2 * FENCE.length && line.endsWith(FENCE);
}

export function parseMessage(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isOneLineFence(line)) {
      blocks.push({ codeblock: line.slice(FENCE.length, line.length - FENCE.length) });
      i++;
    } else if (line.startsWith(FENCE)) {
      // An unclosed fence runs to the end of the message, as in GitHub and Slack.
      let close = i + 1;
      while (close < lines.length && trimSpaces(lines[close]!) !== FENCE) close++;
      const rest = fenceRest(line, close < lines.length);
      const code = lines.slice(i + 1, close);
      if (rest) code.unshift(rest);
      blocks.push({ codeblock: code.join('\n') });
      i = close + 1;
    } else if (isQuoteLine(line)) {
      const group: string[] = [];
      while (i < lines.length && isQuoteLine(lines[i]!)) group.push(lines[i++]!.slice(2));
      blocks.push({ quote: linesToInlines(group) });
    } else {
      const group: string[] = [];
      while (i < lines.length && !isQuoteLine(lines[i]!) && !lines[i]!.startsWith(FENCE)) {
        group.push(lines[i++]!);
      }
      blocks.push({ paragraph: linesToInlines(group) });
    }
  }
  return blocks;
}
