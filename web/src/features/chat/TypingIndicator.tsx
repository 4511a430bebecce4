import type { Member } from '../../api/types';
import { useTypingUsers } from '../../realtime';
import { displayName } from '../../lib/text';

export function TypingIndicator({
  conversationId,
  members,
}: {
  conversationId: string;
  members: Member[];
}) {
  const typing = useTypingUsers(conversationId);
  const names = typing.map((id) => {
    const member = members.find((m) => m.user.id === id);
    return member ? displayName(member.user) : 'Someone';
  });
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? `${names[0]} is typing…`
        : names.length === 2
          ? `${names[0]} and ${names[1]} are typing…`
          : `${names.length} people are typing…`;
  return (
    <div className="typing" aria-live="polite" data-testid="typing-indicator">
      {text && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
