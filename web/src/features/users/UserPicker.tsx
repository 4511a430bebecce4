import { useRef, useState } from 'react';
import type { User } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { displayName } from '../../lib/text';
import { useUserSearch } from './useUserSearch';

interface UserPickerProps {
  selected: User[];
  onChange: (users: User[]) => void;
  /** Ids that cannot be picked (yourself, existing members). */
  excludeIds: string[];
  multiple?: boolean;
  label?: string;
}

/** Username search with a checkable result list and chips for the picked people. */
export function UserPicker({
  selected,
  onChange,
  excludeIds,
  multiple = true,
  label = 'Add people',
}: UserPickerProps) {
  const [q, setQ] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const search = useUserSearch(q);
  const results = search.users.filter((u) => u.username && !excludeIds.includes(u.id));
  const isSelected = (user: User) => selected.some((s) => s.id === user.id);
  const toggle = (user: User) => {
    if (isSelected(user)) {
      onChange(selected.filter((s) => s.id !== user.id));
      return;
    }
    onChange(multiple ? [...selected, user] : [user]);
    // Picked: the search is done; the box is ready for the next name.
    setQ('');
    inputRef.current?.focus();
  };
  return (
    <div className="picker">
      {selected.length > 0 && (
        <ul className="picker-chips" aria-label="Selected people">
          {selected.map((user) => (
            <li key={user.id} className="chip">
              {displayName(user)}
              <button
                type="button"
                aria-label={`Remove ${displayName(user)}`}
                onClick={() => toggle(user)}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field-label" htmlFor="picker-search">
          {label}
        </label>
        <input
          id="picker-search"
          ref={inputRef}
          className="input"
          placeholder="Search by username or name"
          autoComplete="off"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter picks the first match; it must not submit the form around the picker
            // (in the New group dialog that created the group half-filled).
            if (e.key === 'Enter') {
              e.preventDefault();
              const first = results[0];
              if (first && !isSelected(first)) toggle(first);
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              e.currentTarget
                .closest('.picker')
                ?.querySelector<HTMLElement>('[role="option"]')
                ?.focus();
            }
          }}
        />
      </div>
      {q.trim() && (
        <ul
          className="picker-results"
          role="listbox"
          aria-multiselectable={multiple}
          aria-label="Search results"
        >
          {search.isError ? (
            <li className="picker-note">Search failed. Try again.</li>
          ) : results.length === 0 ? (
            <li className="picker-note">{search.isFetching ? 'Searching…' : 'Nobody found.'}</li>
          ) : (
            results.map((user) => (
              <li
                key={user.id}
                role="option"
                aria-selected={isSelected(user)}
                tabIndex={0}
                className={`picker-option${isSelected(user) ? ' is-selected' : ''}`}
                onClick={() => toggle(user)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggle(user);
                  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const sibling =
                      e.key === 'ArrowDown'
                        ? e.currentTarget.nextElementSibling
                        : e.currentTarget.previousElementSibling;
                    if (sibling instanceof HTMLElement) sibling.focus();
                    else if (e.key === 'ArrowUp') inputRef.current?.focus();
                  }
                }}
              >
                <Avatar id={user.id} name={displayName(user)} url={user.avatar_url} size={32} />
                <span className="conv-main">
                  <span className="conv-title">{displayName(user)}</span>
                  <span className="conv-preview">@{user.username}</span>
                </span>
                <span className="picker-check" aria-hidden="true">
                  {isSelected(user) && <Icon name="check" size={16} />}
                </span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
