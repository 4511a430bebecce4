import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import { setCurrentUser } from '../../api/session';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { useMe } from '../auth/useSession';

function avatarProblem(url: string): string | null {
  if (!url) return null;
  if (url.length > 2048) return 'At most 2048 characters.';
  try {
    if (new URL(url).protocol !== 'https:') return 'Use an https:// address.';
  } catch {
    return 'Not a valid address.';
  }
  return null;
}

export function ProfileEditDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Edit profile" onClose={onClose} size="sm">
      {open && <ProfileForm onDone={onClose} />}
    </Dialog>
  );
}

function ProfileForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const [name, setName] = useState(me.display_name);
  const [avatar, setAvatar] = useState(me.avatar_url ?? '');
  const save = useMutation({
    mutationFn: () =>
      usersApi.updateProfile({ display_name: name.trim(), avatar_url: avatar.trim() || null }),
    onSuccess: (user) => {
      setCurrentUser(user);
      onDone();
    },
  });
  const nameProblem =
    name.trim().length === 0
      ? 'Enter a name.'
      : name.trim().length > 64
        ? 'At most 64 characters.'
        : null;
  const urlProblem = avatarProblem(avatar.trim());
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nameProblem && !urlProblem) save.mutate();
  };
  return (
    <form className="form-stack" onSubmit={submit}>
      <div className="profile-preview">
        <Avatar id={me.id} name={name || '?'} url={urlProblem ? null : avatar.trim()} size={64} />
        <span>@{me.username}</span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="profile-name">
          Display name
        </label>
        <input
          id="profile-name"
          className="input"
          value={name}
          maxLength={80}
          aria-invalid={Boolean(nameProblem)}
          onChange={(e) => setName(e.target.value)}
        />
        {(nameProblem || fields.display_name) && (
          <span className="field-hint is-error">{nameProblem ?? fields.display_name}</span>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="profile-avatar">
          Avatar URL
        </label>
        <input
          id="profile-avatar"
          className="input"
          type="url"
          placeholder="https://…"
          value={avatar}
          aria-invalid={Boolean(urlProblem)}
          onChange={(e) => setAvatar(e.target.value)}
        />
        <span className={`field-hint${urlProblem || fields.avatar_url ? ' is-error' : ''}`}>
          {urlProblem ?? fields.avatar_url ?? 'Optional. An https:// link to a square picture.'}
        </span>
      </div>
      {save.isError && !Object.keys(fields).length && (
        <p className="alert alert-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={Boolean(nameProblem || urlProblem) || save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
