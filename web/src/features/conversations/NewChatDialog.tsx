import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { User } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useMe } from '../auth/useSession';
import { UserPicker } from '../users/UserPicker';

/** "New chat": pick a person and the DM opens, in one step (the server reuses an existing DM). */
export function NewChatDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="New chat" onClose={onClose}>
      {open && <NewChatForm onDone={onClose} />}
    </Dialog>
  );
}

function NewChatForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (user: User) => conversationsApi.createDm(user.username!),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      onDone();
      void navigate(`/app/c/${conversation.id}`);
    },
  });
  return (
    <div className="form-stack">
      <UserPicker
        selected={[]}
        multiple={false}
        excludeIds={[me.id]}
        label="Who do you want to talk to?"
        onChange={([user]) => {
          if (user && !start.isPending) start.mutate(user);
        }}
      />
      {start.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
    </div>
  );
}
