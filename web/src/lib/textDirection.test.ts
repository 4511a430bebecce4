import { describe, expect, it } from 'vitest';
import { textDirection } from './textDirection';

describe('textDirection', () => {
  it('follows the first strong character', () => {
    expect(textDirection('שלום world')).toBe('rtl');
    expect(textDirection('hello שלום')).toBe('ltr');
    expect(textDirection('123 مرحبا')).toBe('rtl');
    expect(textDirection('😀 !')).toBe('ltr');
  });
});
