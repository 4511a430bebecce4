// The first strong character decides a paragraph's direction (the Unicode bidi rule that
// dir="auto" applies). The bubble's alignment needs the same answer, so it is computed here.
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_ANY = /[\p{L}]/u;

export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const ch of text) {
    if (STRONG_RTL.test(ch)) return 'rtl';
    if (STRONG_ANY.test(ch)) return 'ltr';
  }
  return 'ltr';
}
