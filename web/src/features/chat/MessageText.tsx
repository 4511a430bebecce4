import { createContext, Fragment, useContext, type ReactNode } from 'react';
import { linkify } from '../../lib/linkify';
import { parseMessage, type Block, type Inline } from '../../lib/messageFormat';
import { splitMentions, type MentionedUsers } from '../../lib/mentions';

interface Mentions {
  users: MentionedUsers;
  myId: string | null;
}

const NO_MENTIONS: Mentions = { users: new Map(), myId: null };
const MentionsContext = createContext<Mentions>(NO_MENTIONS);

/**
 * Message text with the shared formatting (lib/messageFormat.ts) as React elements, and only
 * http(s) links as anchors. Everything from the message becomes a text node: never HTML.
 */
export function MessageText({ text, mentions }: { text: string; mentions?: Mentions }) {
  return (
    <span className="msg-text" dir="auto">
      <MentionsContext.Provider value={mentions ?? NO_MENTIONS}>
        {parseMessage(text).map((block, index) => (
          <MessageBlock key={index} block={block} />
        ))}
      </MentionsContext.Provider>
    </span>
  );
}

function MessageBlock({ block }: { block: Block }) {
  if ('codeblock' in block) {
    return (
      <pre className="msg-codeblock">
        <code>{block.codeblock}</code>
      </pre>
    );
  }
  if ('quote' in block) {
    return <blockquote className="msg-quote">{inlines(block.quote)}</blockquote>;
  }
  return <span className="msg-paragraph">{inlines(block.paragraph)}</span>;
}

function inlines(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => <Fragment key={index}>{inline(node)}</Fragment>);
}

function inline(node: Inline): ReactNode {
  if (typeof node === 'string') return <LinkedText text={node} />;
  // A newline character, not <br>: .msg-text keeps white-space, so the text reads and copies
  // exactly as typed (textContent keeps the line break).
  if ('br' in node) return '\n';
  if ('code' in node) return <code className="msg-code">{node.code}</code>;
  if ('bold' in node) return <strong>{inlines(node.bold)}</strong>;
  return <em>{inlines(node.italic)}</em>;
}

function LinkedText({ text }: { text: string }) {
  return linkify(text).map((part, index) =>
    part.kind === 'link' ? (
      <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ) : (
      <MentionedText key={index} text={part.text} />
    ),
  );
}

/** The members a message names (`@alice`) stand out; the reader's own name most. */
function MentionedText({ text }: { text: string }) {
  const { users, myId } = useContext(MentionsContext);
  return splitMentions(text, users, myId).map((part, index) =>
    part.kind === 'mention' ? (
      <span
        key={index}
        className={`mention${part.self ? ' is-me' : ''}`}
        data-user-id={part.userId}
      >
        {part.text}
      </span>
    ) : (
      <Fragment key={index}>{part.text}</Fragment>
    ),
  );
}
