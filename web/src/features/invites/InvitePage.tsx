import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { invitesApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { LogoMark } from '../../components/Logo';
import { Spinner } from '../../components/Spinner';
import { useSession } from '../auth/useSession';
import { rememberPendingInvite, takePendingInvite } from './pendingInvite';
import '../auth/auth.css';
import './invites.css';

/** Why an invite cannot be used, in words for the person holding it. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    return 'Too many tries from here. Wait a minute, then open the link again.';
  }
  // The server's 404 says plainly whether the link expired, was revoked or is used up.
  return errorMessage(error);
}

/**
 * `/invite/{code}`: what the link leads to, shown before sign-in; then sign-in and username
 * set-up when needed (they return here through `next`), then joining and the conversation.
 */
export function InvitePage() {
  const { code = '' } = useParams();
  const { status, user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const here = `/invite/${encodeURIComponent(code)}`;
  const preview = useQuery({
    queryKey: queryKeys.invitePreview(code),
    queryFn: () => invitesApi.preview(code),
    retry: false,
    staleTime: Infinity,
  });
  const join = useMutation({
    mutationFn: () => invitesApi.join(code),
    onSuccess: (conversation) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      navigate(`/app/c/${conversation.id}`, { replace: true });
    },
  });
  const signedOut = status === 'anonymous' || (status !== 'loading' && !user);
  const ready = !signedOut && Boolean(user?.username);
  useEffect(() => {
    if (signedOut) rememberPendingInvite(code);
    // Back here with a username: the kept code has done its job.
    else if (ready) takePendingInvite();
  }, [signedOut, ready, code]);

  const title = preview.data?.conversation.title || 'a group';
  return (
    <main className="auth-page">
      <section className="auth-card invite-card" aria-labelledby="invite-title">
        <div className="auth-brand">
          <LogoMark size={56} />
          {preview.isPending ? (
            <h1 id="invite-title">Opening your invite…</h1>
          ) : preview.isError ? (
            <h1 id="invite-title">This invite cannot be used</h1>
          ) : (
            <>
              <p className="auth-tagline">You are invited to join</p>
              <h1 id="invite-title">{title}</h1>
              <p className="invite-members">
                {preview.data.conversation.member_count === 1
                  ? '1 member'
                  : `${preview.data.conversation.member_count} members`}
              </p>
            </>
          )}
        </div>
        {preview.isPending ? (
          <div className="auth-loading">
            <Spinner label="Loading the invite" />
          </div>
        ) : preview.isError ? (
          <>
            <p className="alert alert-error" role="alert">
              {refusal(preview.error)}
            </p>
            <Link className="btn btn-outline btn-block" to="/app">
              Go to Natter
            </Link>
          </>
        ) : status === 'loading' ? (
          <div className="auth-loading">
            <Spinner label="Checking your sign-in" />
          </div>
        ) : signedOut ? (
          <div className="auth-options">
            <Link
              className="btn btn-primary btn-block"
              to={`/login?next=${encodeURIComponent(here)}`}
            >
              Sign in to join
            </Link>
            <p className="auth-note">New here? Signing in creates your account.</p>
          </div>
        ) : !user?.username ? (
          <div className="auth-options">
            <Link
              className="btn btn-primary btn-block"
              to={`/setup-username?next=${encodeURIComponent(here)}`}
            >
              Choose a username to join
            </Link>
          </div>
        ) : (
          <div className="auth-options">
            {join.isError && (
              <p className="alert alert-error" role="alert">
                {refusal(join.error)}
              </p>
            )}
            <button
              type="button"
              className="btn btn-primary btn-block"
              disabled={join.isPending}
              onClick={() => join.mutate()}
            >
              {join.isPending ? 'Joining…' : `Join ${title}`}
            </button>
            <p className="auth-note">Signed in as @{user.username}</p>
          </div>
        )}
      </section>
    </main>
  );
}
