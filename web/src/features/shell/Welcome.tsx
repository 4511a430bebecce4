import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { LogoMark } from '../../components/Logo';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import { takePendingInvite } from '../invites/pendingInvite';

export function Welcome() {
  const me = useMe();
  const navigate = useNavigate();
  useEffect(() => {
    // Signed in through a provider after opening an invite: back to it (see pendingInvite).
    const code = takePendingInvite();
    if (code) navigate(`/invite/${encodeURIComponent(code)}`, { replace: true });
  }, [navigate]);
  return (
    <div className="welcome">
      <LogoMark size={72} />
      <h1>Welcome, {displayName(me)}</h1>
      <p>Pick a conversation on the left, search for someone by username, or start a new group.</p>
      <p className="muted small">You are @{me.username}</p>
    </div>
  );
}
