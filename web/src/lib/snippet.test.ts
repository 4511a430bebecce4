import { describe, expect, it } from 'vitest';
import { parseSnippet } from './snippet';

describe('parseSnippet', () => {
  it('splits marked hits from the text around them', () => {
    expect(parseSnippet('see you at the <mark>café</mark> at <mark>noon</mark>')).toEqual([
      { text: 'see you at the ', mark: false },
      { text: 'café', mark: true },
      { text: ' at ', mark: false },
      { text: 'noon', mark: true },
    ]);
  });
  it('turns the escaped text back into what was typed, as text', () => {
    expect(
      parseSnippet(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Tom&#39;s</mark>',
      ),
    ).toEqual([
      { text: '<script>alert("x")</script> & ', mark: false },
      { text: "Tom's", mark: true },
    ]);
  });
  it('keeps anything but <mark> as literal text, and decodes each entity once', () => {
    expect(parseSnippet('<b>bold</b> &amp;lt; <mark>open')).toEqual([
      { text: '<b>bold</b> &lt; <mark>open', mark: false },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });
});
