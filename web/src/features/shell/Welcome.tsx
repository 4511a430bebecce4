import { LogoMark } from '../../components/Logo';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';

export function Welcome() {
  const me = useMe();
  return (
    <div className="welcome">
      <LogoMark size={72} />
      <h1>Welcome, {displayName(me)}</h1>
      <p>Pick a conversation on the left, search for someone by username, or start a new group.</p>
      <p className="muted small">You are @{me.username}</p>
    </div>
  );
}
