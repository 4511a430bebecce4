import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { User } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { useMe } from '../auth/useSession';
import { UserPicker } from '../users/UserPicker';

export function NewGroupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="New group" onClose={onClose}>
      {open && <NewGroupForm onDone={onClose} />}
    </Dialog>
  );
}

function NewGroupForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<User[]>([]);
  const create = useMutation({
    mutationFn: () =>
      conversationsApi.createGroup(
        title.trim(),
        members.map((m) => m.username!),
      ),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      onDone();
      navigate(`/app/c/${conversation.id}`);
    },
  });
  const canCreate = title.trim().length > 0 && members.length > 0 && !create.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canCreate) create.mutate();
  };
  return (
    <form className="form-stack" onSubmit={submit}>
      <div className="field">
        <label className="field-label" htmlFor="group-title">
          Group name
        </label>
        <input
          id="group-title"
          className="input"
          value={title}
          maxLength={100}
          placeholder="e.g. Weekend hike"
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <UserPicker selected={members} onChange={setMembers} excludeIds={[me.id]} label="Members" />
      {create.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
      <div className="form-actions">
        <span className="field-hint">
          {members.length === 0 ? 'Pick at least one person.' : `${members.length} selected`}
        </span>
        <button type="submit" className="btn btn-primary" disabled={!canCreate}>
          {create.isPending ? 'Creating…' : 'Create group'}
        </button>
      </div>
    </form>
  );
}
