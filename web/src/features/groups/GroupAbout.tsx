import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation } from '../../api/types';
import { Icon } from '../../components/Icon';

const DESCRIPTION_MAX = 500;

/** The group's description, and for its admins a form to rename and describe it. */
export function GroupAbout({
  conversation,
  amAdmin,
}: {
  conversation: Conversation;
  amAdmin: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const description = conversation.description ?? '';
  if (editing)
    return <GroupAboutForm conversation={conversation} onDone={() => setEditing(false)} />;
  if (!description && !amAdmin) return null;
  return (
    <section className="details-section group-about" aria-labelledby="about-title">
      <div className="group-about-head">
        <h3 id="about-title">About</h3>
        {amAdmin && (
          <button type="button" className="btn btn-outline btn-sm" onClick={() => setEditing(true)}>
            <Icon name="edit" size={16} /> Edit
          </button>
        )}
      </div>
      {description ? (
        <p className="group-description">{description}</p>
      ) : (
        <p className="muted">No description yet.</p>
      )}
    </section>
  );
}

function GroupAboutForm({
  conversation,
  onDone,
}: {
  conversation: Conversation;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(conversation.title ?? '');
  const [description, setDescription] = useState(conversation.description ?? '');
  const save = useMutation({
    mutationFn: () => {
      // Only what changed: each change writes a line in the timeline.
      const changes: { title?: string; description?: string } = {};
      if (title.trim() !== (conversation.title ?? '')) changes.title = title;
      if (description.trim() !== (conversation.description ?? ''))
        changes.description = description;
      if (Object.keys(changes).length === 0) return Promise.resolve(conversation);
      return conversationsApi.update(conversation.id, changes);
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.conversation(conversation.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) save.mutate();
  };
  return (
    <section className="details-section">
      <form className="form-stack" onSubmit={submit} aria-label="Edit group">
        <div className="field">
          <label className="field-label" htmlFor="group-edit-title">
            Group name
          </label>
          <input
            id="group-edit-title"
            className="input"
            value={title}
            maxLength={100}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="group-edit-description">
            Description
          </label>
          <textarea
            id="group-edit-description"
            className="input"
            rows={4}
            value={description}
            maxLength={DESCRIPTION_MAX}
            placeholder="What is this group about?"
            onChange={(e) => setDescription(e.target.value)}
          />
          <span className="field-hint">
            {description.length}/{DESCRIPTION_MAX}
          </span>
        </div>
        {save.isError && (
          <p className="alert alert-error" role="alert">
            {errorMessage(save.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn btn-outline" onClick={onDone}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!title.trim() || save.isPending}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
