import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from './Composer';
import { MessageText } from './MessageText';

afterEach(cleanup);

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(<Composer conversationId={`c-${Math.random()}`} onSend={onSend} onTyping={onTyping} />);
  const input = screen.getByRole('textbox', { name: 'Message' });
  return { onSend, onTyping, input };
}

describe('Composer', () => {
  it('sends on Enter and keeps Shift+Enter for a new line', () => {
    const { onSend, input } = setup();
    fireEvent.change(input, { target: { value: 'line one' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('line one');
    expect(input).toHaveProperty('value', '');
  });

  it('does not send blank messages', () => {
    const { onSend, input } = setup();
    fireEvent.change(input, { target: { value: '   \n ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('counts down near the 4000 character limit and refuses to send past it', () => {
    const { onSend, input } = setup();
    fireEvent.change(input, { target: { value: 'x'.repeat(3990) } });
    expect(screen.getByText('10 left')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'x'.repeat(4002) } });
    expect(screen.getByText('2 over the limit')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send message' })).toHaveProperty('disabled', true);
  });

  it('tells the room when typing starts and stops', () => {
    const { onTyping, input } = setup();
    fireEvent.change(input, { target: { value: 'h' } });
    expect(onTyping).toHaveBeenLastCalledWith(true);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onTyping).toHaveBeenLastCalledWith(false);
  });
});

describe('MessageText', () => {
  it('renders markup as text and only http(s) links as anchors', () => {
    const { container } = render(
      <MessageText text={'<img src=x onerror=alert(1)> https://natter.chat/x'} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)> https://natter.chat/x');
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('https://natter.chat/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('MessageText formatting', () => {
  const allowedTags = new Set(['SPAN', 'STRONG', 'EM', 'CODE', 'PRE', 'BLOCKQUOTE', 'A']);
  const allowedAttributes = new Set(['class', 'dir', 'href', 'target', 'rel']);

  /** What in `container` is not plain formatting: tags, attributes or hrefs we never emit. */
  function unsafeMarkup(container: HTMLElement): string[] {
    const found: string[] = [];
    for (const element of container.querySelectorAll('*')) {
      if (!allowedTags.has(element.tagName)) found.push(element.tagName);
      for (const attribute of element.getAttributeNames()) {
        if (!allowedAttributes.has(attribute)) found.push(`${element.tagName}[${attribute}]`);
      }
      const href = element.getAttribute('href');
      if (href !== null && !/^https?:/.test(href)) found.push(`href=${href}`);
    }
    return found;
  }
  function expectOnlySafeMarkup(container: HTMLElement) {
    expect(unsafeMarkup(container)).toEqual([]);
  }

  it('shows bold, italic, code, quotes and code blocks', () => {
    const { container } = render(
      <MessageText text={'*bold* _it_ `x`\n> said\n```\nint *p;\n```'} />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('em')?.textContent).toBe('it');
    expect(container.querySelector('code.msg-code')?.textContent).toBe('x');
    expect(container.querySelector('blockquote')?.textContent).toBe('said');
    expect(container.querySelector('pre')?.textContent).toBe('int *p;');
  });

  it('keeps line breaks as text, so the message reads and copies as typed', () => {
    const { container } = render(<MessageText text={'Bring:\n- water\n*and* snacks'} />);
    expect(container.textContent).toBe('Bring:\n- water\nand snacks');
    expect(container.querySelector('br')).toBeNull();
  });

  it('keeps hostile strings as text, whatever markers surround them', () => {
    const hostile = [
      '*<img src=x onerror=alert(1)>*',
      '_<script>alert(1)</script>_',
      '`</code><svg onload=alert(1)>`',
      '> <iframe src="javascript:alert(1)">',
      '```\n</pre><a href="javascript:alert(1)">x</a>\n```',
      '*javascript:alert(1)* _data:text/html,<b>x</b>_',
      '&lt;b&gt; &amp; "quotes" \'single\'',
    ];
    for (const text of hostile) {
      const { container, unmount } = render(<MessageText text={text} />);
      expectOnlySafeMarkup(container);
      unmount();
    }
  });

  it('survives random mixes of markers and markup (fuzz)', () => {
    const alphabet = [
      '*',
      '_',
      '`',
      '```',
      '>',
      ' ',
      '\n',
      '<b>',
      '</',
      'a',
      'é',
      '😀',
      'https://x.y/_',
      '&amp;',
    ];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const texts: string[] = [];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      texts.push(text);
    }
    // One render of all 300 (not 300 mounts) and one assertion per case, not one per element:
    // the same checks at a fraction of the CPU. Mounting each case ran past vitest's 5 s
    // per-test timeout on a busy 2-core CI machine (#19, at load 12).
    const { container } = render(
      <>
        {texts.map((text, index) => (
          <div key={index} data-case={index}>
            <MessageText text={text} />
          </div>
        ))}
      </>,
    );
    const strip = (s: string) => s.replace(/[*_`>\s]/g, '');
    texts.forEach((text, index) => {
      const rendered = container.querySelector<HTMLElement>(`[data-case="${index}"]`)!;
      // Only safe markup, and nothing typed disappears except the markers that became formatting.
      expect({
        text,
        unsafe: unsafeMarkup(rendered),
        shown: strip(rendered.textContent ?? ''),
      }).toEqual({
        text,
        unsafe: [],
        shown: strip(text),
      });
    });
  });
});
