// The realtime module's public surface. UI code imports from here only.
export { RealtimeProvider } from './RealtimeProvider';
export {
  useChatCommands,
  useConnectionStatus,
  useIncomingMessages,
  useOutbox,
  usePresence,
  usePresenceOf,
  useReconnectNow,
  useRemovedFrom,
  useRoom,
  useTypingUsers,
  type ChatCommands,
} from './hooks';
export type { RealtimeStatus } from './realtimeClient';
export type { OutboxItem, OutboxStatus } from './sendQueue';
export { isHeldBehindFailure } from './sendQueue';
export {
  applyMessageUpdate,
  mergeAuthors,
  mergeMessages,
  type MessageWindow,
} from './messageCache';
export { reconcileSnapshot } from './unreadLedger';
export { applyPreferences } from './preferencesCache';
export type { Presence } from './presenceStore';
