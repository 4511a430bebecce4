import { linkify } from '../../lib/linkify';

/** Message text as text nodes; only http(s) links become anchors. Never HTML. */
export function MessageText({ text }: { text: string }) {
  return (
    <span className="msg-text" dir="auto">
      {linkify(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}
