import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('finds http and https links and leaves trailing punctuation out', () => {
    expect(linkify('see https://natter.chat/a?b=1, or http://x.org.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://natter.chat/a?b=1', href: 'https://natter.chat/a?b=1' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('never turns other schemes or markup into links', () => {
    expect(linkify('javascript:alert(1) <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) <img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('linkify, the cases a regex got wrong', () => {
  it('keeps balanced parentheses inside a link', () => {
    expect(linkify('https://en.wikipedia.org/wiki/Mercury_(planet)')).toEqual([
      {
        kind: 'link',
        text: 'https://en.wikipedia.org/wiki/Mercury_(planet)',
        href: 'https://en.wikipedia.org/wiki/Mercury_(planet)',
      },
    ]);
    expect(linkify('(see https://a.org/x)')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'https://a.org/x', href: 'https://a.org/x' },
      { kind: 'text', text: ')' },
    ]);
  });
  it('links www. addresses over http(s)', () => {
    expect(linkify('go to www.example.org now')).toEqual([
      { kind: 'text', text: 'go to ' },
      { kind: 'link', text: 'www.example.org', href: 'http://www.example.org/' },
      { kind: 'text', text: ' now' },
    ]);
  });
  it('leaves e-mail addresses and other schemes as text', () => {
    expect(linkify('a@b.org ftp://x.org')).toEqual([{ kind: 'text', text: 'a@b.org ftp://x.org' }]);
  });
});
