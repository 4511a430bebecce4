import { Avatar } from '../../components/Avatar';
import { displayName } from '../../lib/text';
import type { MentionAutocomplete } from './useMentionAutocomplete';

/** The members an `@` being typed could name, above the composer. Focus stays in the text box
 * (the active option is its aria-activedescendant); a click picks without taking focus. */
export function MentionSuggestions({ autocomplete }: { autocomplete: MentionAutocomplete }) {
  if (!autocomplete.open) return null;
  return (
    <ul className="mention-list" role="listbox" id={autocomplete.listId} aria-label="Mention">
      {autocomplete.candidates.map((user, index) => (
        <li
          key={user.id}
          id={autocomplete.optionId(index)}
          role="option"
          aria-selected={index === autocomplete.active}
          className={`mention-option${index === autocomplete.active ? ' is-active' : ''}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => autocomplete.pick(index)}
        >
          <Avatar id={user.id} name={displayName(user)} url={user.avatar_url} size={24} />
          <span className="mention-option-name">{displayName(user)}</span>
          <span className="mention-option-username">@{user.username}</span>
        </li>
      ))}
    </ul>
  );
}
