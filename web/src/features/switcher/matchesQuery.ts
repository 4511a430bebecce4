/** Case- and accent-insensitive "contains", so "zoe" finds "Zoë". */
export function matchesQuery(title: string, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase();
  return fold(title).includes(fold(query.trim()));
}
