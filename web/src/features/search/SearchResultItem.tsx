import type { SearchResult } from '../../api/endpoints';
import { formatFull, formatListTime } from '../../lib/time';
import { parseSnippet } from '../../lib/snippet';

interface SearchResultItemProps {
  result: SearchResult;
  id: string;
  active: boolean;
  /** The conversation's name, shown when searching everywhere. */
  conversationTitle: string | null;
  senderName: string;
  onOpen: () => void;
}

/** One hit: who, where and when, and the words around it with the matches marked. */
export function SearchResultItem(props: SearchResultItemProps) {
  const { result } = props;
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.active}
      className={`search-result${props.active ? ' is-active' : ''}`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={props.onOpen}
    >
      <span className="search-result-top">
        <span className="search-result-who">
          {props.senderName}
          {props.conversationTitle && (
            <span className="search-result-where"> in {props.conversationTitle}</span>
          )}
        </span>
        <time dateTime={result.message.created_at} title={formatFull(result.message.created_at)}>
          {formatListTime(result.message.created_at)}
        </time>
      </span>
      <span className="search-result-snippet" dir="auto">
        {parseSnippet(result.snippet).map((part, index) =>
          part.mark ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
        )}
      </span>
    </li>
  );
}
