import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation, Message } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { useChatCommands, useOutbox, useRemovedFrom, useRoom } from '../../realtime';
import { useMe } from '../auth/useSession';
import {
  describeConversation,
  useConversation,
  useConversations,
} from '../conversations/useConversations';
import { setPageTitle } from '../../lib/documentTitle';
import { ConversationDetails } from '../groups/ConversationDetails';
import { ChatHeader } from './ChatHeader';
import { ComposerArea } from './ComposerArea';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';
import { jumpTargetOf } from './jumpNavigation';
import type { JumpRequest } from './useJumpToMessage';
import { useMessageWindow } from './useMessageWindow';
import { useWindowActive } from './useWindowActive';
import './chat.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A mistyped or stale address: a page that says so, not an error with a useless retry. */
function ConversationNotFound() {
  return (
    <EmptyState title="Conversation not found">
      <p>The link may be mistyped, the conversation deleted, or you are no longer a member.</p>
      <Link className="btn btn-primary" to="/app">
        Back to your chats
      </Link>
    </EmptyState>
  );
}

export function ChatPage() {
  const { conversationId } = useParams();
  if (!conversationId) return null;
  if (!UUID.test(conversationId)) return <ConversationNotFound />;
  // A fresh instance per conversation resets scroll position, markers and drafts cleanly.
  return <Chat key={conversationId} conversationId={conversationId} />;
}

function Chat({ conversationId }: { conversationId: string }) {
  const me = useMe();
  const conversation = useConversation(conversationId);
  const history = useMessageWindow(conversationId);
  const receipts = useQuery({
    queryKey: queryKeys.receipts(conversationId),
    queryFn: () => conversationsApi.receipts(conversationId),
  });
  const pending = useOutbox(conversationId);
  const commands = useChatCommands(conversationId);
  const active = useWindowActive();
  const [detailsOpen, setDetailsOpen] = useState(false);
  // The message being edited in place (its actions, or Up in an empty composer).
  const [editingId, setEditingId] = useState<string | null>(null);
  const removed = useRemovedFrom(conversationId);
  // The message being answered, quoted above the composer until sent or cancelled.
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  // A message to show: a quoted original, or a search result this page was opened for (the
  // navigation's state; its key tells two searches for the same message apart).
  const location = useLocation();
  const [jumpRequest, setJumpRequest] = useState<JumpRequest | null>(null);
  const [jumpKey, setJumpKey] = useState<string | null>(null);
  const navigatedTo = jumpTargetOf(location.state);
  if (navigatedTo !== null && jumpKey !== location.key) {
    setJumpKey(location.key);
    setJumpRequest({ seq: navigatedTo, nonce: Date.now() });
  }
  const jumpTo = useCallback((seq: number) => setJumpRequest({ seq, nonce: Date.now() }), []);
  const jumpDone = useCallback(() => setJumpRequest(null), []);
  const { loadOlder } = history;
  const loadUntil = useCallback((seq: number) => void loadOlder(seq), [loadOlder]);
  useEffect(() => {
    if (!detailsOpen) return;
    // Esc closes the details panel (a dialog above it takes its own Esc first).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      setDetailsOpen(false);
      document.querySelector<HTMLElement>('[aria-controls="details-panel"]')?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [detailsOpen]);
  useRoom(conversationId);

  // Where the "new messages" marker goes: what was read when the conversation was opened.
  // Captured during render (not in an effect) so the list's first paint already has it.
  const [unreadAfterSeq, setUnreadAfterSeq] = useState<number | null>(null);
  // The list entry is kept current by read receipts; the detail may be an older copy.
  const listed = useConversations().data?.find((c) => c.id === conversationId);
  const lastReadSeq = listed?.last_read_seq ?? conversation.data?.last_read_seq;
  if (unreadAfterSeq === null && lastReadSeq !== undefined) setUnreadAfterSeq(lastReadSeq);

  useEffect(() => {
    const title = conversation.data ? describeConversation(conversation.data, me.id).title : null;
    setPageTitle(title);
    return () => setPageTitle(null);
  }, [conversation.data, me.id]);

  if (conversation.isPending) return <LoadingState label="Loading conversation" />;
  // A failed refetch keeps showing what was there (removed from a group while looking at it).
  if (conversation.isError && !conversation.data) {
    const error = conversation.error;
    const missing = error instanceof ApiError && (error.status === 404 || 'id' in error.fields);
    return missing ? (
      <ConversationNotFound />
    ) : (
      <ErrorState
        message={errorMessage(conversation.error)}
        onRetry={() => void conversation.refetch()}
      />
    );
  }

  const data: Conversation = conversation.data;
  const display = describeConversation(data, me.id);
  const members = data.members ?? [];

  return (
    <div className={`chat${detailsOpen ? ' with-details' : ''}`}>
      <section className="chat-main" aria-label={`Chat with ${display.title}`}>
        <ChatHeader
          conversation={data}
          display={display}
          detailsOpen={detailsOpen}
          removed={removed}
          onToggleDetails={() => setDetailsOpen((v) => !v)}
        />
        {history.isPending ? (
          <div className="msg-scroll-wrap">
            <LoadingState label="Loading messages" />
          </div>
        ) : history.isError && !history.data ? (
          <div className="msg-scroll-wrap">
            <ErrorState
              title="Couldn't load messages"
              message={errorMessage(history.error)}
              onRetry={() => void history.refetch()}
            />
          </div>
        ) : (
          <MessageList
            conversationId={conversationId}
            isGroup={data.type === 'group'}
            messages={history.data.messages}
            pending={pending}
            members={members}
            authors={history.data.authors ?? {}}
            receipts={receipts.data?.receipts ?? []}
            myId={me.id}
            unreadAfterSeq={unreadAfterSeq}
            hasOlder={history.data.hasOlder}
            loadingOlder={history.loadingOlder}
            olderError={history.olderError}
            onLoadOlder={() => void history.loadOlder()}
            onLoadUntil={loadUntil}
            jumpRequest={jumpRequest}
            onJump={jumpTo}
            onJumpDone={jumpDone}
            onReply={(message) => {
              setReplyTo(message);
              document.getElementById('composer-input')?.focus();
            }}
            commands={commands}
            active={active}
            editingId={editingId}
            onEditingChange={setEditingId}
          />
        )}
        <TypingIndicator conversationId={conversationId} members={members} />
        <ComposerArea
          conversation={data}
          peer={display.peer}
          removed={removed}
          commands={commands}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onEditLast={() => {
            const mine = history.data?.messages.filter((m) => m.sender_id === me.id && !m.deleted);
            const last = mine?.[mine.length - 1];
            if (last) setEditingId(last.id);
          }}
        />
      </section>
      {detailsOpen && (
        <ConversationDetails
          conversation={data}
          display={display}
          onClose={() => setDetailsOpen(false)}
        />
      )}
    </div>
  );
}
