import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { useMe } from '../auth/useSession';
import { describeConversation, useConversations } from '../conversations/useConversations';
import { matchesQuery } from './matchesQuery';
import './switcher.css';

const SHOWN = 8;

/** Ctrl+K (⌘K on a Mac) anywhere in the app: jump to a conversation by typing its name. */
export function QuickSwitcher() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Dialog open={open} title="Go to conversation" onClose={() => setOpen(false)} size="sm">
      {open && <SwitcherBody onDone={() => setOpen(false)} />}
    </Dialog>
  );
}

function SwitcherBody({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const conversations = useConversations();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const results = (conversations.data ?? [])
    .map((c) => ({ conversation: c, display: describeConversation(c, me.id) }))
    .filter((r) => matchesQuery(r.display.title, q))
    .slice(0, SHOWN);
  const current = Math.min(active, Math.max(results.length - 1, 0));

  const go = (index: number) => {
    const picked = results[index];
    if (!picked) return;
    onDone();
    navigate(`/app/c/${picked.conversation.id}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(current);
    }
  };

  return (
    <div className="switcher">
      <input
        className="input"
        data-autofocus
        role="combobox"
        aria-label="Conversation name"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[current] ? `${listId}-${current}` : undefined}
        autoComplete="off"
        placeholder="Type a name…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="switcher-list" role="listbox" id={listId} aria-label="Conversations">
        {results.length === 0 ? (
          <li className="picker-note">No conversation matches.</li>
        ) : (
          results.map((r, index) => (
            <li
              key={r.conversation.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              className={`switcher-option${index === current ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(index)}
              onClick={() => go(index)}
            >
              <Avatar
                id={r.display.avatarId}
                name={r.display.title}
                url={r.display.avatarUrl}
                size={28}
              />
              <span>{r.display.title}</span>
            </li>
          ))
        )}
      </ul>
      <p className="field-hint">↑ ↓ to choose, Enter to open, Esc to close.</p>
    </div>
  );
}
