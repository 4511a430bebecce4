import type { Conversation, Message, User } from '../api/types';

/** WebSocket frame types of the contract, in one place. */
export const ClientEvent = {
  Auth: 'auth',
  RoomJoin: 'room.join',
  RoomLeave: 'room.leave',
  MessageSend: 'message.send',
  TypingStart: 'typing.start',
  TypingStop: 'typing.stop',
  /** Issue 18: typing of every conversation, for the list's "typing…" (not only joined rooms). */
  TypingSubscribe: 'typing.subscribe',
  ReceiptRead: 'receipt.read',
  ReceiptDelivered: 'receipt.delivered',
  Ping: 'ping',
  /** Issue 18: the people whose presence this socket wants (replaces the previous list). */
  PresenceWatch: 'presence.watch',
} as const;

export const ServerEvent = {
  AuthOk: 'auth.ok',
  AuthExpiring: 'auth.expiring',
  Ack: 'ack',
  Error: 'error',
  Pong: 'pong',
  MessageNew: 'message.new',
  MessageUpdated: 'message.updated',
  Typing: 'typing',
  ReceiptUpdated: 'receipt.updated',
  MemberJoined: 'room.member_joined',
  MemberLeft: 'room.member_left',
  ConversationNew: 'conversation.new',
  /** Issue 18: this user's mute, pin or archive changed (maybe in another session). */
  ConversationPreferences: 'conversation.preferences',
  Presence: 'presence',
  PresencePrivacy: 'presence.privacy',
} as const;

/** Close code the server uses when authentication failed or timed out. */
export const CLOSE_UNAUTHORIZED = 4001;

/** Close code the server uses when the sign-in behind the socket ended (logout, revocation). */
export const CLOSE_SESSION_ENDED = 4003;

export interface Frame {
  type: string;
  id?: string;
  data?: unknown;
  error?: { code: string; message: string };
}

/** `message.updated`: the whole message as it now is (edit, deletion, reaction). */
export interface MessageUpdatedData {
  message: Message;
}
export interface MessageNewData {
  message: Message;
}
export interface TypingData {
  conversation_id: string;
  user_id: string;
  state: 'start' | 'stop';
}
export interface ReceiptUpdatedData {
  conversation_id: string;
  user_id: string;
  delivered_seq: number;
  read_seq: number;
  joined_seq?: number;
}
export interface MemberJoinedData {
  conversation_id: string;
  user: User;
}
export interface MemberLeftData {
  conversation_id: string;
  user_id: string;
}
export interface ConversationNewData {
  conversation: Conversation;
}
export interface AuthOkData {
  user: User;
}

export function parseFrame(raw: unknown): Frame | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && 'type' in value) {
      const frame = value as Frame;
      if (typeof frame.type === 'string') return frame;
    }
  } catch {
    // A malformed frame is ignored rather than tearing the connection down.
  }
  return null;
}
