import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { conversationsApi, usersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import { SafetyActions } from '../moderation/SafetyActions';
import './profile.css';

export function ProfilePage() {
  const { username = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const profile = useQuery({
    queryKey: queryKeys.user(username),
    queryFn: ({ signal }) => usersApi.byUsername(username, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const openDm = useMutation({
    mutationFn: () => conversationsApi.createDm(username),
    onSuccess: (conversation) => {
      queryClient.setQueryData(queryKeys.conversation(conversation.id), conversation);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
      navigate(`/app/c/${conversation.id}`);
    },
  });

  if (profile.isPending) return <LoadingState label="Loading profile" />;
  if (profile.isError) {
    return profile.error instanceof ApiError && profile.error.status === 404 ? (
      <EmptyState title="No such user">
        <p>Nobody on this server is called @{username}.</p>
      </EmptyState>
    ) : (
      <ErrorState message={errorMessage(profile.error)} onRetry={() => void profile.refetch()} />
    );
  }
  const user = profile.data;
  const isMe = user.id === me.id;
  const joined = new Date(user.created_at).toLocaleDateString(undefined, {
    month: 'long',
    year: 'numeric',
  });
  return (
    <main className="profile" aria-labelledby="profile-name">
      <Link to="/app" className="icon-btn profile-back" aria-label="Back to conversations">
        <Icon name="back" />
      </Link>
      <div className="profile-card">
        <Avatar id={user.id} name={displayName(user)} url={user.avatar_url} size={112} />
        <h1 id="profile-name">{displayName(user)}</h1>
        <p className="muted">@{user.username}</p>
        <p className="muted small">Joined {joined}</p>
        {isMe ? (
          <p className="muted">This is you.</p>
        ) : (
          <>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => openDm.mutate()}
              disabled={openDm.isPending}
            >
              {openDm.isPending ? 'Opening…' : 'Message'}
            </button>
            {openDm.isError && (
              <p className="alert alert-error" role="alert">
                {openDm.error instanceof ApiError && openDm.error.status === 403
                  ? 'You can’t message this person.'
                  : errorMessage(openDm.error)}
              </p>
            )}
            <SafetyActions user={user} />
          </>
        )}
      </div>
    </main>
  );
}
