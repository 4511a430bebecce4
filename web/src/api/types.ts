// Wire types of the Natter REST + WebSocket contract (v1). Field names follow the server's JSON.

export interface User {
  id: string;
  username: string | null;
  display_name: string;
  avatar_url: string | null;
  created_at: string;
  /** Only on GET /me: an instance admin (the admin console is shown only then). */
  is_admin?: boolean;
}

export type MemberRole = 'member' | 'admin';

export interface Member {
  user: User;
  role: MemberRole;
  joined_at: string;
  /** The conversation's last seq when this member joined: nothing at or below it was theirs. */
  joined_seq?: number;
}

/** An uploaded image (docs/api.md, "Uploads"). `url`/`thumbnail_url` are server paths, fetched
 * with the bearer token; `width`/`height` are the size as shown, known before loading. */
export interface Attachment {
  id: string;
  content_type: string;
  size: number;
  width: number;
  height: number;
  url: string;
  thumbnail_url: string;
  name: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  body_text: string;
  created_at: string;
  client_msg_id: string | null;
  /** Absent from servers before issue 13 (and from messages still in the outbox). */
  attachments?: Attachment[];
  /** v1.1 (issue 12); optional so older pages and tests without them still type-check. */
  reply_to?: ReplyPreview | null;
  edited_at?: string | null;
  /** A deleted message keeps its place: body "" and nothing attached. */
  deleted?: boolean;
  reactions?: Reaction[];
  mentions?: string[];
  /** Grows with every change; of two copies of a message keep the one with the higher rev. */
  rev?: number;
  /** Issue 18: "system" lines record a change to a group ("Ana added Cara"); absent = text. */
  kind?: MessageKind;
  system?: SystemEvent | null;
}

export type MessageKind = 'text' | 'system';

export type SystemEventName =
  | 'member_added'
  | 'member_joined'
  | 'member_left'
  | 'member_removed'
  | 'renamed'
  | 'description_changed'
  | 'admin_promoted'
  | 'admin_demoted'
  | 'avatar_changed'
  | 'avatar_removed';

/** What a system line records (docs/api.md, "Message"); its body_text holds it worded. */
export interface SystemEvent {
  event: SystemEventName | string;
  actor_id: string | null;
  user_id: string | null;
  title?: string;
  description?: string;
}

export interface ReplyPreview {
  id: string;
  seq: number;
  sender_id: string | null;
  body_preview: string;
  deleted?: boolean;
}

export interface Reaction {
  emoji: string;
  /** In the order they reacted. */
  user_ids: string[];
}

export type ConversationType = 'dm' | 'group';

export interface Conversation {
  id: string;
  type: ConversationType;
  title: string | null;
  /** Issue 18: what the group is about ("" when none); absent from older servers. */
  description?: string;
  /** Issue 18: the group's picture, a members-only server path read with the token (null:
   * initials). Always null for a DM, which shows the other member's own picture. */
  avatar_url?: string | null;
  created_by: string;
  created_at: string;
  members?: Member[];
  last_message: Message | null;
  unread_count: number;
  last_read_seq: number;
  /** Unread messages that mention the viewer. */
  mention_count?: number;
  /** The conversation's last change number (edits, deletions, reactions). */
  last_rev?: number;
  /** Issue 18, the caller's own choices (docs/api.md, "Conversation"); absent = off. */
  muted?: boolean;
  /** When the mute ends; null while muted = until turned back on. */
  muted_until?: string | null;
  pinned?: boolean;
  archived?: boolean;
  archived_at_seq?: number | null;
}

/** The caller's mute, pin and archive of one conversation, as PATCH and the socket say. */
export interface ConversationPreferences {
  conversation_id: string;
  muted: boolean;
  muted_until: string | null;
  pinned: boolean;
  archived: boolean;
  archived_at_seq: number | null;
}

export interface Receipt {
  user_id: string;
  delivered_seq: number;
  read_seq: number;
  joined_seq?: number;
}

/** One page of history, with the user object of every sender in it (former members too). */
export interface MessagePage {
  messages: Message[];
  users?: User[];
}

export interface Provider {
  id: string;
  name: string;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  user: User;
  refresh_token?: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
  };
}

// ----- invite links, instance admins, account (issue #14) -----

export interface Invite {
  code: string;
  url: string;
  conversation_id: string;
  created_at: string;
  expires_at: string;
  max_uses: number | null;
  uses: number;
  expired: boolean;
  used_up: boolean;
}

export interface InvitePreview {
  conversation: { title: string; member_count: number };
  expires_at: string;
}

/** A message as an admin reads it around a report. */
export interface ContextMessage extends Message {
  sender: User | null;
  removed: boolean;
}

export interface AdminReport {
  id: string;
  status: 'open' | 'resolved';
  reason: string;
  created_at: string;
  reporter: User;
  reported_user: User & { suspended: boolean };
  message: ContextMessage | null;
  context: { before: ContextMessage[]; after: ContextMessage[] };
  resolution: {
    action: ReportAction;
    note: string | null;
    resolved_at: string;
    resolved_by: string | null;
  } | null;
}

export type ReportAction = 'dismiss' | 'delete_message' | 'suspend_user';

export interface AdminUserPage {
  user: User & { suspended: boolean; deleted: boolean; is_admin: boolean };
  reports: AdminReport[];
}

export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string | null; username: string };
  target_user: { id: string; username: string } | null;
  report_id: string | null;
  message_id: string | null;
  note: string | null;
  created_at: string;
}
