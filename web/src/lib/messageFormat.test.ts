import { describe, expect, it } from 'vitest';
import shared from '../../../tests/shared/message-format-cases.json';
import { parseMessage } from './messageFormat';

describe('parseMessage', () => {
  // The same cases run against the desktop app's parser (tests/shared/tst_messageformat.cpp).
  it.each(shared.cases)('formats $input as both clients do', ({ input, blocks }) => {
    expect(parseMessage(input)).toEqual(blocks);
  });

  it('parses a long run of markers in linear-ish time without recursion blow-up', () => {
    const blocks = parseMessage('_*`'.repeat(3000) + '*'.repeat(5000));
    expect(blocks).toHaveLength(1);
  });
});
