import { describe, expect, it } from 'vitest';
import { messageLength } from './messageLength';

describe('messageLength', () => {
  it('counts code points, as the server does, not UTF-16 units', () => {
    expect(messageLength('😀'.repeat(2110))).toBe(2110);
    expect('😀'.repeat(2110).length).toBe(4220);
    expect(messageLength('héllo')).toBe(5);
    expect(messageLength('שלום')).toBe(4);
  });
  it('ignores the whitespace the server trims', () => {
    expect(messageLength('  hi \n')).toBe(2);
  });
});
