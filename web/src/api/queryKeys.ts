// One place for query keys, so the realtime module and the screens address the same cache entries.
export const queryKeys = {
  me: ['me'] as const,
  providers: ['auth', 'providers'] as const,
  conversations: ['conversations'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  receipts: (id: string) => ['receipts', id] as const,
  user: (username: string) => ['user', username.toLowerCase()] as const,
  userSearch: (q: string) => ['users', 'search', q.toLowerCase()] as const,
  messageSearch: (q: string, conversationId: string | null) =>
    ['search', 'messages', conversationId ?? 'all', q.trim().toLowerCase()] as const,
  blocks: ['blocks'] as const,
  meAdmin: ['me', 'admin'] as const,
  invites: (conversationId: string) => ['invites', conversationId] as const,
  invitePreview: (code: string) => ['invite', code] as const,
  adminReports: (status: string) => ['admin', 'reports', status] as const,
  adminUser: (id: string) => ['admin', 'user', id] as const,
  adminAudit: ['admin', 'audit'] as const,
  privacy: ['me', 'privacy'] as const,
};
