import { describe, expect, it } from 'vitest';
import { insertMention, mentionCandidates, mentionQueryAt, splitMentions } from './mentions';

const mentioned = new Map([
  ['alice', 'u-alice'],
  ['bob_s', 'u-bob'],
]);

describe('splitMentions', () => {
  it('marks the mentioned members, mine apart, case-insensitively', () => {
    expect(splitMentions('hi @Alice and @bob_s!', mentioned, 'u-alice')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Alice', userId: 'u-alice', self: true },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@bob_s', userId: 'u-bob', self: false },
      { kind: 'text', text: '!' },
    ]);
  });
  it('leaves e-mail addresses, longer names and names the server did not count alone', () => {
    for (const text of ['mail alice@alice.org', '@alicexyz', '@carol', 'x_@alice']) {
      expect(splitMentions(text, mentioned, 'u-alice')).toEqual([{ kind: 'text', text }]);
    }
  });
});

describe('mentionQueryAt', () => {
  it('finds the name being typed before the caret', () => {
    expect(mentionQueryAt('hey @al', 7)).toEqual({ start: 4, query: 'al' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('(@bo', 4)).toEqual({ start: 1, query: 'bo' });
  });
  it('is not a mention in an e-mail address, after a space, or past the caret', () => {
    expect(mentionQueryAt('me@al', 5)).toBeNull();
    expect(mentionQueryAt('@al ', 4)).toBeNull();
    expect(mentionQueryAt('hey @al', 3)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the typed part with the username and a space, keeping the rest', () => {
    expect(insertMention('hey @al how', 4, 7, 'alice')).toEqual({
      text: 'hey @alice how',
      caret: 11,
    });
    expect(insertMention('@b', 0, 2, 'bob_s')).toEqual({ text: '@bob_s ', caret: 7 });
  });
});

describe('mentionCandidates', () => {
  const members = [
    { id: 'me', username: 'alice', display_name: 'Alice Archer' },
    { id: 'b', username: 'bob_s', display_name: 'Bob Stone' },
    { id: 'c', username: 'carol', display_name: 'Carol Bishop' },
    { id: 'd', username: null, display_name: 'Bobby No-Name' },
  ];
  it('offers usernames first, then display names, never me or people without a username', () => {
    expect(mentionCandidates(members, 'B', 'me').map((m) => m.id)).toEqual(['b', 'c']);
    expect(mentionCandidates(members, 'al', 'me')).toEqual([]);
    expect(mentionCandidates(members, '', 'me').map((m) => m.id)).toEqual(['b', 'c']);
  });
});
