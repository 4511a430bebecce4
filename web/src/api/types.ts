// Wire types of the Natter REST + WebSocket contract (v1). Field names follow the server's JSON.

export interface User {
  id: string;
  username: string | null;
  display_name: string;
  avatar_url: string | null;
  created_at: string;
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
}

export type ConversationType = 'dm' | 'group';

export interface Conversation {
  id: string;
  type: ConversationType;
  title: string | null;
  created_by: string;
  created_at: string;
  members?: Member[];
  last_message: Message | null;
  unread_count: number;
  last_read_seq: number;
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
