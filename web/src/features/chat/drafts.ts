// Drafts per conversation, kept in localStorage so a reload (or a closed tab) keeps them.
// Signing out removes them with everything else under `natter.` (signOutEverywhere.ts).

const key = (conversationId: string) => `natter.draft.${conversationId}`;

export function loadDraft(conversationId: string): string {
  try {
    return localStorage.getItem(key(conversationId)) ?? '';
  } catch {
    return '';
  }
}

export function saveDraft(conversationId: string, text: string): void {
  try {
    if (text.trim()) localStorage.setItem(key(conversationId), text);
    else localStorage.removeItem(key(conversationId));
  } catch {
    // Storage full or disabled: the draft lives as long as the page.
  }
}
