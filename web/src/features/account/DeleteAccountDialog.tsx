import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/client';
import { accountApi } from '../../api/endpoints';
import { Dialog } from '../../components/Dialog';
import {
  leaveSignedOut,
  markSigningOutHere,
  unmarkSigningOutHere,
} from '../auth/signOutEverywhere';
import { useMe } from '../auth/useSession';

/** Deleting the account, with the username typed to confirm (it cannot be undone). */
export function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const fieldId = useId();
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === (me.username ?? '').toLowerCase();
  const remove = useMutation({
    mutationFn: () => accountApi.deleteAccount(typed.trim()),
    onMutate: () => markSigningOutHere('deleting-account'),
    // The server also closes this tab's socket (4003), and either may come first: both take the
    // one departure, which lands on the sign-in page saying the account was deleted. Dropping
    // the session here by itself would let the app's own redirect race that page.
    onSuccess: () => void leaveSignedOut(),
    onError: () => unmarkSigningOutHere(),
  });
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      title="Delete your account?"
      onClose={close}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={!matches || remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? 'Deleting…' : 'Delete my account'}
          </button>
        </>
      }
    >
      <p>
        You will be signed out everywhere and your profile will be erased. Your messages stay in
        their conversations, shown as from “Deleted account”. Your username stays reserved for 30
        days. This cannot be undone; download your data first if you want a copy.
      </p>
      <label htmlFor={fieldId}>
        Type your username, <strong>{me.username}</strong>, to confirm
      </label>
      <input
        id={fieldId}
        className="input"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      {remove.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
    </Dialog>
  );
}
