import { apiRequest } from './client';
import type {
  AdminReport,
  AdminUserPage,
  AuditEntry,
  Conversation,
  ConversationPreferences,
  Invite,
  InvitePreview,
  Member,
  MemberRole,
  Message,
  MessagePage,
  Provider,
  Receipt,
  ReportAction,
  TokenResponse,
  User,
} from './types';

const enc = encodeURIComponent;

export const authApi = {
  providers: () => apiRequest<{ providers: Provider[] }>('/auth/providers', { auth: false }),
  devLogin: (name: string) =>
    apiRequest<TokenResponse>('/auth/dev/login', { method: 'POST', body: { name }, auth: false }),
  logout: () => apiRequest<void>('/auth/logout', { method: 'POST', auth: false }),
  providerStartUrl: (providerId: string) => `/api/v1/auth/${enc(providerId)}/start`,
};

export const usersApi = {
  me: () => apiRequest<User>('/me'),
  claimUsername: (username: string) =>
    apiRequest<User>('/users/me/username', { method: 'PUT', body: { username } }),
  updateProfile: (patch: { display_name?: string; avatar_url?: string | null }) =>
    apiRequest<User>('/users/me', { method: 'POST', body: patch }),
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    apiRequest<{ users: User[] }>(`/users/search?q=${enc(q)}&limit=${limit}`, { signal }),
  byUsername: (username: string, signal?: AbortSignal) =>
    apiRequest<User>(`/users/${enc(username)}`, { signal }),
};

/** Issue 18: hiding one's online / last seen (then one sees nobody's either). */
export const privacyApi = {
  get: () => apiRequest<{ hide_presence: boolean }>('/users/me/privacy'),
  set: (hide_presence: boolean) =>
    apiRequest<{ hide_presence: boolean }>('/users/me/privacy', {
      method: 'PUT',
      body: { hide_presence },
    }),
};

export const conversationsApi = {
  list: () => apiRequest<{ conversations: Conversation[] }>('/conversations'),
  get: (id: string) => apiRequest<Conversation>(`/conversations/${enc(id)}`),
  createDm: (username: string) =>
    apiRequest<Conversation>('/conversations', { method: 'POST', body: { type: 'dm', username } }),
  createGroup: (title: string, usernames: string[]) =>
    apiRequest<Conversation>('/conversations', {
      method: 'POST',
      body: { type: 'group', title, usernames },
    }),
  addMember: (id: string, username: string) =>
    apiRequest<Member>(`/conversations/${enc(id)}/members`, { method: 'POST', body: { username } }),
  removeMember: (id: string, userId: string) =>
    apiRequest<void>(`/conversations/${enc(id)}/members/${enc(userId)}`, { method: 'DELETE' }),
  receipts: (id: string) =>
    apiRequest<{ receipts: Receipt[] }>(`/conversations/${enc(id)}/receipts`),
  /** Group admins: rename and/or describe (issue 18). */
  update: (id: string, changes: { title?: string; description?: string }) =>
    apiRequest<Conversation>(`/conversations/${enc(id)}`, { method: 'PATCH', body: changes }),
  /** Group admins: back to initials (setting a picture is an upload: uploadGroupAvatar). */
  removeAvatar: (id: string) =>
    apiRequest<Conversation>(`/conversations/${enc(id)}/avatar`, { method: 'DELETE' }),
  /** The caller's own mute ("forever", a time, or null to unmute), pin and archive. */
  setPreferences: (
    id: string,
    changes: { muted_until?: string | null; pinned?: boolean; archived?: boolean },
  ) =>
    apiRequest<ConversationPreferences>(`/conversations/${enc(id)}/preferences`, {
      method: 'PATCH',
      body: changes,
    }),
  /** Group admins: make someone an admin or a member again (a group keeps one admin). */
  setRole: (id: string, userId: string, role: MemberRole) =>
    apiRequest<Member>(`/conversations/${enc(id)}/members/${enc(userId)}/role`, {
      method: 'PUT',
      body: { role },
    }),
};

export const messagesApi = {
  before: (conversationId: string, before: number | null, limit = 50) =>
    apiRequest<MessagePage>(
      `/conversations/${enc(conversationId)}/messages?limit=${limit}` +
        (before === null ? '' : `&before=${before}`),
    ),
  after: (conversationId: string, after: number, limit = 100) =>
    apiRequest<MessagePage>(
      `/conversations/${enc(conversationId)}/messages?after=${after}&limit=${limit}`,
    ),
  send: (conversationId: string, body_text: string, client_msg_id: string) =>
    apiRequest<Message>(`/conversations/${enc(conversationId)}/messages`, {
      method: 'POST',
      body: { body_text, client_msg_id },
    }),
  changes: (conversationId: string, after: number, limit = 100) =>
    apiRequest<{ messages: Message[]; last_rev: number }>(
      `/conversations/${enc(conversationId)}/changes?after=${after}&limit=${limit}`,
    ),
  markRead: (messageId: string) =>
    apiRequest<void>(`/messages/${enc(messageId)}/read`, { method: 'POST' }),
  edit: (messageId: string, body_text: string) =>
    apiRequest<Message>(`/messages/${enc(messageId)}`, { method: 'PATCH', body: { body_text } }),
  remove: (messageId: string) =>
    apiRequest<void>(`/messages/${enc(messageId)}`, { method: 'DELETE' }),
  react: (messageId: string, emoji: string, add: boolean) =>
    apiRequest<void>(`/messages/${enc(messageId)}/reactions/${enc(emoji)}`, {
      method: add ? 'PUT' : 'DELETE',
    }),
};

export interface SearchResult {
  message: Message;
  conversation_id: string;
  /** The text HTML-escaped with <mark>…</mark> around hits (lib/snippet.ts parses it). */
  snippet: string;
}

export const searchApi = {
  /** Newest first; `conversationId` narrows to one conversation, `before` pages (a result id). */
  messages: (
    q: string,
    options: { conversationId?: string | null; before?: string | null; limit?: number },
    signal?: AbortSignal,
  ) => {
    const params = new URLSearchParams({ q, limit: String(options.limit ?? 20) });
    if (options.conversationId) params.set('conversation_id', options.conversationId);
    if (options.before) params.set('before', options.before);
    return apiRequest<{ results: SearchResult[] }>(`/search/messages?${params.toString()}`, {
      signal,
    });
  },
};

export const moderationApi = {
  blocks: () => apiRequest<{ users: User[] }>('/blocks'),
  block: (username: string) => apiRequest<void>(`/blocks/${enc(username)}`, { method: 'POST' }),
  unblock: (username: string) => apiRequest<void>(`/blocks/${enc(username)}`, { method: 'DELETE' }),
  report: (username: string, reason: string, message_id?: string) =>
    apiRequest<{ id: string }>('/reports', {
      method: 'POST',
      body: message_id ? { username, reason, message_id } : { username, reason },
    }),
};

export const invitesApi = {
  list: (conversationId: string) =>
    apiRequest<{ invites: Invite[] }>(`/conversations/${enc(conversationId)}/invites`),
  create: (conversationId: string, options: { expires_in?: number; max_uses?: number | null }) =>
    apiRequest<Invite>(`/conversations/${enc(conversationId)}/invites`, {
      method: 'POST',
      body: options,
    }),
  revoke: (code: string) => apiRequest<void>(`/invites/${enc(code)}`, { method: 'DELETE' }),
  preview: (code: string) => apiRequest<InvitePreview>(`/invites/${enc(code)}`, { auth: false }),
  join: (code: string) =>
    apiRequest<Conversation>(`/invites/${enc(code)}/join`, { method: 'POST' }),
};

export const adminApi = {
  reports: (status: 'open' | 'resolved') =>
    apiRequest<{ reports: AdminReport[]; next_before: string | null }>(
      `/admin/reports?status=${status}`,
    ),
  resolve: (id: string, action: ReportAction, note: string) =>
    apiRequest<AdminReport>(`/admin/reports/${enc(id)}/resolve`, {
      method: 'POST',
      body: note ? { action, note } : { action },
    }),
  user: (id: string) => apiRequest<AdminUserPage>(`/admin/users/${enc(id)}`),
  userByName: (username: string) =>
    apiRequest<AdminUserPage>(`/admin/users?username=${enc(username)}`),
  suspend: (id: string, note: string) =>
    apiRequest<AdminUserPage>(`/admin/users/${enc(id)}/suspend`, {
      method: 'POST',
      body: note ? { note } : {},
    }),
  unsuspend: (id: string, note: string) =>
    apiRequest<AdminUserPage>(`/admin/users/${enc(id)}/unsuspend`, {
      method: 'POST',
      body: note ? { note } : {},
    }),
  audit: () => apiRequest<{ entries: AuditEntry[]; next_before: string | null }>('/admin/audit'),
};

export const accountApi = {
  /** The export as a file: fetched with the bearer token, then handed to the browser. */
  exportData: () => apiRequest<unknown>('/users/me/export'),
  deleteAccount: (confirm_username: string) =>
    apiRequest<void>('/users/me', { method: 'DELETE', body: { confirm_username } }),
};
