import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import type { SearchResult } from '../../api/endpoints';
import type { Conversation } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import { jumpState } from '../chat/jumpNavigation';
import { describeConversation, useConversations } from '../conversations/useConversations';
import { SearchResultItem } from './SearchResultItem';
import { closeMessageSearch, openMessageSearch, useSearchRequest } from './searchStore';
import { useMessageSearch } from './useMessageSearch';
import './search.css';

/**
 * Message search, in the current conversation or in all of them: Ctrl+Shift+F anywhere (all),
 * the chat header's button (this conversation), the sidebar's button (all). ↑/↓ move through
 * the results, Enter opens one: the chat scrolls to it, loading history around it.
 */
export function MessageSearch() {
  const request = useSearchRequest();
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        const current = /^\/app\/c\/([^/]+)/.exec(window.location.pathname)?.[1] ?? null;
        openMessageSearch(current, true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Dialog open={request.open} title="Search messages" onClose={closeMessageSearch}>
      {request.open && (
        <SearchBody
          key={request.serial}
          conversationId={request.conversationId}
          everywhere={request.everywhere}
        />
      )}
    </Dialog>
  );
}

function SearchBody(props: { conversationId: string | null; everywhere: boolean }) {
  const me = useMe();
  const navigate = useNavigate();
  const conversations = useConversations().data ?? [];
  const [q, setQ] = useState('');
  const [everywhere, setEverywhere] = useState(props.everywhere || !props.conversationId);
  const scope = everywhere ? null : props.conversationId;
  const search = useMessageSearch(q, scope);
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = search.results;
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const here = props.conversationId ? byId.get(props.conversationId) : undefined;

  const open = (result: SearchResult | undefined) => {
    if (!result) return;
    closeMessageSearch();
    navigate(`/app/c/${result.conversation_id}`, { state: jumpState(result.message.seq) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(results[current]);
    }
  };

  return (
    <div className="search">
      <input
        className="input"
        type="search"
        data-autofocus
        role="combobox"
        aria-label="Search words"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
        autoComplete="off"
        placeholder="Words to find…"
        maxLength={64}
        value={q}
        onChange={(event) => {
          setQ(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {props.conversationId && (
        <div className="search-scope" role="radiogroup" aria-label="Where to search">
          <label>
            <input
              type="radio"
              name="search-scope"
              checked={!everywhere}
              onChange={() => setEverywhere(false)}
            />
            {here ? `In ${describeConversation(here, me.id).title}` : 'In this conversation'}
          </label>
          <label>
            <input
              type="radio"
              name="search-scope"
              checked={everywhere}
              onChange={() => setEverywhere(true)}
            />
            All conversations
          </label>
        </div>
      )}
      <ul className="search-results" role="listbox" id={listId} aria-label="Results">
        {results.map((result, index) => (
          <SearchResultItem
            key={result.message.id}
            id={`${listId}-${index}`}
            result={result}
            active={index === current}
            conversationTitle={everywhere ? titleOf(byId.get(result.conversation_id), me.id) : null}
            senderName={senderName(result, byId.get(result.conversation_id), me.id)}
            onOpen={() => open(result)}
          />
        ))}
      </ul>
      <SearchStatus search={search} />
    </div>
  );
}

function SearchStatus({ search }: { search: ReturnType<typeof useMessageSearch> }) {
  if (search.isError) {
    return (
      <p className="search-status" role="alert">
        {errorMessage(search.error)}
      </p>
    );
  }
  if (search.isFetching && !search.isFetchingNextPage) return <Spinner label="Searching" />;
  if (search.term === '' || search.typing) return null;
  return (
    <>
      <p className="search-status" role="status">
        {search.results.length === 0
          ? `Nothing found for “${search.term}”`
          : `${search.results.length}${search.hasNextPage ? '+' : ''} found`}
      </p>
      {search.hasNextPage && (
        <button
          type="button"
          className="btn btn-sm btn-outline"
          disabled={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {search.isFetchingNextPage ? 'Loading…' : 'More results'}
        </button>
      )}
    </>
  );
}

function titleOf(conversation: Conversation | undefined, myId: string): string | null {
  return conversation ? describeConversation(conversation, myId).title : null;
}

function senderName(result: SearchResult, conversation: Conversation | undefined, myId: string) {
  if (result.message.sender_id === myId) return 'You';
  const member = conversation?.members?.find((m) => m.user.id === result.message.sender_id);
  return member ? displayName(member.user) : 'Former member';
}
