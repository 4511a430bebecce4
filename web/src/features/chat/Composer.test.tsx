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
