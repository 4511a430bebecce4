import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation } from '../../api/types';
import { uploadErrorText, uploadGroupAvatar } from '../../api/uploads';
import { squareCrop } from '../../lib/squareCrop';

/** For a group's admins: set, change or remove its picture. The image is cut to its centre
 * square here, as a person's picture is, since both are shown in a circle; everyone else sees
 * the change when its system line arrives. */
export function GroupPicture({ conversation }: { conversation: Conversation }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = (updated: Conversation) => {
    queryClient.setQueryData(queryKeys.conversation(conversation.id), updated);
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
  };
  const upload = useMutation({
    mutationFn: (image: Blob) =>
      uploadGroupAvatar(conversation.id, image, new AbortController().signal),
    onSuccess: done,
    onError: (error) => setProblem(uploadErrorText(error)),
  });
  const remove = useMutation({
    mutationFn: () => conversationsApi.removeAvatar(conversation.id),
    onSuccess: done,
    onError: (error) => setProblem(errorMessage(error)),
  });
  const pick = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    const cropped = await squareCrop(file);
    if (!cropped) {
      setProblem('Only JPEG, PNG, WebP and GIF images can be used.');
      return;
    }
    upload.mutate(cropped);
  };
  const busy = upload.isPending || remove.isPending;
  const hasPicture = Boolean(conversation.avatar_url);
  return (
    <div className="group-picture">
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Group picture file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        onChange={(event) => {
          void pick(event.target.files?.[0]);
          // The same file picked again is a new choice.
          event.target.value = '';
        }}
      />
      <div className="group-picture-actions">
        <button
          type="button"
          className="btn btn-outline btn-sm"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {upload.isPending ? 'Uploading…' : hasPicture ? 'Change picture' : 'Upload picture'}
        </button>
        {hasPicture && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            disabled={busy}
            onClick={() => {
              setProblem(null);
              remove.mutate();
            }}
          >
            Remove picture
          </button>
        )}
      </div>
      {problem && (
        <p className="field-hint is-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
