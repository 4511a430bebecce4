/**
 * The length of a message as the server counts it (shared/natter/validation.cpp: code points
 * of the trimmed text, at most 4000). JavaScript's `length` counts UTF-16 units, so an emoji
 * counted twice and 2,110 of them read "210 over" while the server accepts them.
 */
export function messageLength(text: string): number {
  // Spreading a string walks code points, not UTF-16 units.
  return [...text.trim()].length;
}
