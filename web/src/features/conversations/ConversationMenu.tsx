import { useMutation, useQueryClient } from '@tanstack/react-query';
import { conversationsApi } from '../../api/endpoints';
import type { Conversation } from '../../api/types';
import { MenuButton, MenuItem } from '../../components/MenuButton';
import { isArchived, isMuted, MUTE_CHOICES, muteUntil } from '../../lib/conversationPreferences';
import { applyPreferences } from '../../realtime';

type Change = { muted_until?: string | null; pinned?: boolean; archived?: boolean };

/** Mute, pin and archive of one conversation: the caller's own, kept by the server. */
export function ConversationMenu({
  conversation,
  title,
  label = `Chat options for ${title}`,
  className,
}: {
  conversation: Conversation;
  title: string;
  /** The button's accessible name. */
  label?: string;
  className?: string;
}) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (changes: Change) => conversationsApi.setPreferences(conversation.id, changes),
    onSuccess: (preferences) => applyPreferences(queryClient, preferences),
  });
  const muted = isMuted(conversation);
  const archived = isArchived(conversation);
  return (
    <MenuButton label={label} menuLabel={title} className={className}>
      {(close) => (
        <>
          {muted ? (
            <MenuItem
              icon="bell"
              label="Unmute"
              onSelect={close(() => change.mutate({ muted_until: null }))}
            />
          ) : (
            MUTE_CHOICES.map((choice) => (
              <MenuItem
                key={choice.label}
                icon="bellOff"
                label={choice.label}
                onSelect={close(() => change.mutate({ muted_until: muteUntil(choice.hours) }))}
              />
            ))
          )}
          <MenuItem
            icon="pin"
            label={conversation.pinned ? 'Unpin' : 'Pin to top'}
            onSelect={close(() => change.mutate({ pinned: !conversation.pinned }))}
          />
          <MenuItem
            icon="archive"
            label={archived ? 'Unarchive' : 'Archive'}
            onSelect={close(() => change.mutate({ archived: !archived }))}
          />
        </>
      )}
    </MenuButton>
  );
}
