import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { uploadAvatar, uploadErrorText } from '../../api/uploads';
import { usersApi } from '../../api/endpoints';
import { setCurrentUser } from '../../api/session';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { useMe } from '../auth/useSession';
import { squareCrop } from '../../lib/squareCrop';

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
  // Pictures are uploaded to this server (the server refuses links to other sites, so nobody's
  // browser loads an image from a host that could log who looks at whom).
  const [removePicture, setRemovePicture] = useState(false);
  const [picture, setPicture] = useState<{ blob: Blob; preview: string } | null>(null);
  const [pictureError, setPictureError] = useState<string | null>(null);
  useEffect(
    () => () => {
      if (picture) URL.revokeObjectURL(picture.preview);
    },
    [picture],
  );
  const pick = async (file: File | undefined) => {
    setPictureError(null);
    if (!file) return;
    const cropped = await squareCrop(file);
    if (!cropped) {
      setPictureError('Only JPEG, PNG, WebP and GIF images can be used.');
      return;
    }
    setPicture({ blob: cropped, preview: URL.createObjectURL(cropped) });
    setRemovePicture(false);
  };
  const save = useMutation({
    mutationFn: async () => {
      // The picture first: the profile update then keeps the avatar_url it set.
      if (picture) {
        try {
          await uploadAvatar(picture.blob, new AbortController().signal);
          // avatar_url left out: the server just pointed it at the new picture.
          return usersApi.updateProfile({ display_name: name.trim() });
        } catch (error) {
          if (error instanceof ApiError) throw new Error(uploadErrorText(error));
          throw error;
        }
      }
      return usersApi.updateProfile({
        display_name: name.trim(),
        ...(removePicture ? { avatar_url: null } : {}),
      });
    },
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
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!nameProblem) save.mutate();
  };
  return (
    <form className="form-stack" onSubmit={submit}>
      <div className="profile-preview">
        {picture ? (
          <span className="avatar avatar-crop" aria-hidden="true" style={{ width: 64, height: 64 }}>
            <img src={picture.preview} alt="" />
          </span>
        ) : (
          <Avatar
            id={me.id}
            name={name || '?'}
            url={removePicture ? null : me.avatar_url}
            size={64}
          />
        )}
        <span>@{me.username}</span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="profile-picture">
          Picture
        </label>
        <input
          id="profile-picture"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
        <span
          className={`field-hint${pictureError ? ' is-error' : ''}`}
          role={pictureError ? 'alert' : undefined}
        >
          {pictureError ?? 'Cut to a circle from the middle of the image; stored on this server.'}
        </span>
        {me.avatar_url && !picture && !removePicture && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => setRemovePicture(true)}
          >
            Remove picture
          </button>
        )}
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
          disabled={Boolean(nameProblem) || save.isPending}
        >
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
