/**
 * `@username` mentions in message text, found by the server's rule (migration 0020,
 * `natter_mentions`): 3–32 of A-Z a-z 0-9 _, case-insensitive, and an `@` right after a word
 * character (an e-mail address) is not one. Which of them name members the server decides and
 * sends as the message's `mentions` (user ids); this only finds where they are in the text, so
 * the display never highlights a name the server did not count.
 *
 * Display only, on the text nodes the shared formatter (messageFormat.ts) produces: the
 * formatter's output, and so tests/shared/message-format-cases.json, is unchanged.
 */
const MENTION = /(?<![A-Za-z0-9_])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])/g;

export type MentionPart =
  { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: string; self: boolean };

/** Lower-case username → user id, for the users a message mentions. */
export type MentionedUsers = ReadonlyMap<string, string>;

export function splitMentions(
  text: string,
  mentioned: MentionedUsers,
  myId: string | null,
): MentionPart[] {
  if (mentioned.size === 0 || !text.includes('@')) return [{ kind: 'text', text }];
  const parts: MentionPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const userId = mentioned.get(match[1]!.toLowerCase());
    if (userId === undefined) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'mention', text: match[0], userId, self: userId === myId });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Where the composer's caret sits in a mention being typed: `@` + up to 32 name characters
 * right before the caret, the `@` at the start or after a non-word character. */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const match = /(?:^|[^A-Za-z0-9_])@([A-Za-z0-9_]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, query };
}

/** Replaces the `@query` before the caret with `@username ` and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  username: string,
): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

export interface MentionCandidate {
  id: string;
  username: string | null;
  display_name: string;
}

/** Members to offer for `@query`: usernames starting with it first, then display names with a
 * word starting with it; never oneself or someone without a username. */
export function mentionCandidates<T extends MentionCandidate>(
  members: readonly T[],
  query: string,
  myId: string,
  limit = 6,
): T[] {
  const q = query.toLowerCase();
  const named = members.filter((m) => m.id !== myId && m.username);
  const byUsername = named.filter((m) => m.username!.toLowerCase().startsWith(q));
  const byName = named.filter(
    (m) =>
      !byUsername.includes(m) &&
      m.display_name
        .toLowerCase()
        .split(/\s+/)
        .some((word) => word.startsWith(q)),
  );
  return [...byUsername, ...byName].slice(0, limit);
}
