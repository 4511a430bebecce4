import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
} from 'react';
import type { Member, Message, Receipt, User } from '../../api/types';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { isHeldBehindFailure, type ChatCommands, type OutboxItem } from '../../realtime';
import { displayName } from '../../lib/text';
import { buildRows } from './buildRows';
import { MessageBubble, PendingBubble } from './MessageBubble';
import { deliveryStatus, readersOf } from './receipts';
import { quoteAuthor } from '../messages/replyPreview';
import { useJumpToMessage, type JumpRequest } from './useJumpToMessage';
import { useReadTracking } from './useReadTracking';
import { isSystemMessage } from '../../lib/systemLines';
import { SystemLine } from '../groups/SystemLine';

interface MessageListProps {
  conversationId: string;
  isGroup: boolean;
  messages: readonly Message[];
  pending: readonly OutboxItem[];
  members: Member[];
  /** Senders of the loaded history by id, former members included. */
  authors: Readonly<Record<string, User>>;
  receipts: readonly Receipt[];
  myId: string;
  unreadAfterSeq: number | null;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: Error | null;
  onLoadOlder: () => void;
  /** Loads older history until the message with this seq is in it. */
  onLoadUntil: (seq: number) => void;
  /** A message to scroll to and highlight (a quoted original, a search result). */
  jumpRequest: JumpRequest | null;
  onJump: (seq: number) => void;
  onJumpDone: () => void;
  onReply: (message: Message) => void;
  commands: ChatCommands;
  /** Window focused and page visible. */
  active: boolean;
  /** The message being edited in place, if any. */
  editingId: string | null;
  onEditingChange: (messageId: string | null) => void;
}

const NEAR_BOTTOM_PX = 96;
const NEAR_TOP_PX = 240;

/**
 * ↑/↓ move focus from message to message (from the log itself, ↑ starts at the newest), so a
 * keyboard user can reach any message; Tab then goes into its quote, links, reactions and
 * actions, which show while focus is inside it. Elsewhere (a button, the editor) keys are left
 * alone, as are PageUp/PageDown/Home/End for scrolling.
 */
function moveBetweenMessages(event: ReactKeyboardEvent<HTMLDivElement>, log: HTMLElement | null) {
  if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || !log) return;
  const target = event.target as HTMLElement;
  const current = target.matches('li.msg') ? target : null;
  if (target !== log && !current) return;
  const rows = [...log.querySelectorAll<HTMLElement>('li.msg[data-seq]')];
  const index = current
    ? rows.indexOf(current) + (event.key === 'ArrowDown' ? 1 : -1)
    : event.key === 'ArrowUp'
      ? rows.length - 1
      : -1;
  const next = rows[index];
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.scrollIntoView({ block: 'nearest' });
}

export function MessageList(props: MessageListProps) {
  const { messages, pending, myId, members, receipts, isGroup, commands } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottomRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const [unseenFrom, setUnseenFrom] = useState<number | null>(null);
  const previousEdge = useRef<{ first?: string; last?: string; height: number }>({ height: 0 });
  const initialScrollDone = useRef(false);
  const [positioned, setPositioned] = useState(false);
  // Opening at the first unread message needs it loaded: older pages come first if it is not.
  const unreadAfter = props.unreadAfterSeq;
  // If an older page fails to load, open with what there is rather than not at all.
  const markerMissing =
    unreadAfter !== null &&
    props.hasOlder &&
    !props.olderError &&
    (messages[0]?.seq ?? 0) > unreadAfter + 1;

  useReadTracking({
    scrollRef,
    messages,
    myId,
    readSeqAtOpen: unreadAfter ?? 0,
    active: props.active,
    ready: positioned,
    markRead: commands.markRead,
  });
  const { setReading } = commands;
  // New messages count as unread in the list unless the user is at the bottom, looking.
  useEffect(() => {
    setReading(positioned && atBottom && props.active);
    return () => setReading(false);
  }, [setReading, positioned, atBottom, props.active]);

  const rows = useMemo(
    () => buildRows(messages, pending, myId, props.unreadAfterSeq),
    [messages, pending, myId, props.unreadAfterSeq],
  );
  // Current members first; authors who have left come from the history pages' `users`.
  const peopleById = useMemo(() => {
    const map = new Map<string, User>(Object.entries(props.authors));
    for (const m of members) map.set(m.user.id, m.user);
    return map;
  }, [members, props.authors]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const audience = members.length > 0 ? members : undefined;
  const iAmAdmin = members.some((m) => m.user.id === myId && m.role === 'admin');
  const nameOf = useCallback(
    (id: string) => {
      const user = peopleById.get(id);
      return user ? displayName(user) : 'Someone';
    },
    [peopleById],
  );

  const usernameOf = useCallback(
    (id: string) => peopleById.get(id)?.username ?? null,
    [peopleById],
  );

  // The last own message that anybody has read carries the "read by" line in groups.
  const lastOwn = [...messages].reverse().find((m) => m.sender_id === myId && !isSystemMessage(m));
  const lastOwnReaders = lastOwn ? readersOf(lastOwn.seq, receipts, myId, audience) : [];

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const first = messages[0]?.id;
    const last = rows[rows.length - 1]?.key;
    const prev = previousEdge.current;
    if (!initialScrollDone.current && rows.length > 0 && !markerMissing) {
      initialScrollDone.current = true;
      setPositioned(true);
      const marker = el.querySelector('[data-unread-marker]');
      if (marker instanceof HTMLElement) el.scrollTop = Math.max(0, marker.offsetTop - 80);
      else el.scrollTop = el.scrollHeight;
      // Opening at the marker is "not at the bottom": live messages must not yank the view.
      const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      atBottomRef.current = bottom;
      setAtBottom(bottom);
    } else if (!initialScrollDone.current) {
      // Still loading towards the first unread message: nothing to keep in place yet.
    } else if (prev.first && first !== prev.first && last === prev.last) {
      // Older messages were added above: keep what the user was looking at in place.
      el.scrollTop += el.scrollHeight - prev.height;
    } else if (last !== prev.last) {
      const lastRow = rows[rows.length - 1];
      const mine = lastRow?.kind === 'pending' || (lastRow?.kind === 'message' && lastRow.own);
      if (atBottomRef.current || mine) el.scrollTop = el.scrollHeight;
      else if (lastRow?.kind === 'message') setUnseenFrom((v) => v ?? lastRow.message.seq);
    }
    previousEdge.current = { first, last, height: el.scrollHeight };
  }, [rows, messages, markerMissing]);

  const highlightedSeq = useJumpToMessage({
    scrollRef,
    request: props.jumpRequest,
    messages,
    hasOlder: props.hasOlder,
    ready: positioned,
    loadUntil: props.onLoadUntil,
    onDone: props.onJumpDone,
  });

  useEffect(() => {
    if (markerMissing && !props.loadingOlder && !props.olderError) props.onLoadOlder();
  });

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    atBottomRef.current = bottom;
    if (bottom !== atBottom) setAtBottom(bottom);
    if (bottom) setUnseenFrom(null);
    if (el.scrollTop < NEAR_TOP_PX && props.hasOlder && !props.loadingOlder && !props.olderError) {
      props.onLoadOlder();
    }
  };

  // Stay pinned to the newest message when the list changes size (details panel, rotation,
  // the composer growing).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottomRef.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Fill the viewport: keep loading older pages while there is no scrollbar yet.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && props.hasOlder && !props.loadingOlder && el.scrollHeight <= el.clientHeight) {
      props.onLoadOlder();
    }
  });

  const jumpToLatest = () => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setUnseenFrom(null);
  };
  const unseenCount = unseenFrom === null ? 0 : messages.filter((m) => m.seq >= unseenFrom).length;

  return (
    <div className="msg-scroll-wrap">
      <div
        className={`msg-scroll${positioned || rows.length === 0 ? '' : ' is-positioning'}`}
        aria-busy={!positioned && rows.length > 0}
        ref={scrollRef}
        onScroll={onScroll}
        onKeyDown={(event) => moveBetweenMessages(event, scrollRef.current)}
        tabIndex={0}
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-relevant="additions"
      >
        <div className="msg-history-edge">
          {props.loadingOlder ? (
            <Spinner label="Loading older messages" />
          ) : props.olderError ? (
            <button type="button" className="btn btn-sm btn-outline" onClick={props.onLoadOlder}>
              Couldn't load older messages — try again
            </button>
          ) : !props.hasOlder && messages.length > 0 ? (
            <span className="msg-beginning">This is the beginning of the conversation.</span>
          ) : null}
        </div>
        {rows.length === 0 ? (
          <div className="msg-empty">
            <Icon name="chat" size={36} />
            <p>No messages yet. Say hello!</p>
          </div>
        ) : (
          <ol className="msg-list">
            {rows.map((row) => {
              switch (row.kind) {
                case 'day':
                  return (
                    <li key={row.key} className="day-sep">
                      <span>{row.label}</span>
                    </li>
                  );
                case 'unread':
                  return (
                    <li key={row.key} className="unread-sep" data-unread-marker>
                      <span>New messages</span>
                    </li>
                  );
                case 'pending':
                  return (
                    <PendingBubble
                      key={row.key}
                      item={row.item}
                      held={isHeldBehindFailure(pending, row.item)}
                      groupStart={row.groupStart}
                      groupEnd={row.groupEnd}
                      onRetry={() => commands.retry(row.item.client_msg_id)}
                      onDiscard={() => commands.discard(row.item.client_msg_id)}
                      quoteAuthorName={quoteAuthor(
                        row.item.reply_to?.sender_id ?? null,
                        myId,
                        nameOf,
                      )}
                    />
                  );
                case 'system':
                  return <SystemLine key={row.key} message={row.message} />;
                case 'message': {
                  const isLastOwn = row.message.id === lastOwn?.id;
                  const readBy =
                    isGroup && isLastOwn && lastOwnReaders.length > 0
                      ? `Read by ${lastOwnReaders
                          .map((id) => {
                            const user = peopleById.get(id);
                            return user ? displayName(user) : 'someone';
                          })
                          .join(', ')}`
                      : null;
                  return (
                    <MessageBubble
                      key={row.key}
                      message={row.message}
                      own={row.own}
                      sender={peopleById.get(row.message.sender_id)}
                      showSender={isGroup}
                      groupStart={row.groupStart}
                      groupEnd={row.groupEnd}
                      status={
                        row.own ? deliveryStatus(row.message.seq, receipts, myId, audience) : null
                      }
                      readBy={readBy}
                      myId={myId}
                      canDelete={row.own || (isGroup && iAmAdmin)}
                      nameOf={nameOf}
                      usernameOf={usernameOf}
                      editing={props.editingId === row.message.id}
                      onEditingChange={(on) => props.onEditingChange(on ? row.message.id : null)}
                      onReply={() => props.onReply(row.message)}
                      onJumpTo={props.onJump}
                      highlighted={highlightedSeq === row.message.seq}
                      quotedOriginal={
                        row.message.reply_to ? byId.get(row.message.reply_to.id) : undefined
                      }
                    />
                  );
                }
              }
            })}
          </ol>
        )}
      </div>
      {!atBottom && (
        <button
          type="button"
          className="jump-latest"
          onClick={jumpToLatest}
          aria-label="Jump to latest messages"
        >
          {unseenCount > 0 && <span className="badge">{unseenCount}</span>}
          <Icon name="down" />
        </button>
      )}
    </div>
  );
}
