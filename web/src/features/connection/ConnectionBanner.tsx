import { useEffect, useState } from 'react';
import { useConnectionStatus, useReconnectNow } from '../../realtime';
import './connection.css';

const BACK_ONLINE_MS = 3_000;
// Only show "connecting" on first load if it takes noticeably long.
const CONNECTING_GRACE_MS = 1_500;

/** Tells the user when live updates are not flowing, and when they are back. */
export function ConnectionBanner() {
  const status = useConnectionStatus();
  const reconnect = useReconnectNow();
  const [now, setNow] = useState(() => Date.now());
  const [mountedAt] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  let kind: 'connecting' | 'offline' | 'online' | null = null;
  if (status.state === 'online') {
    if (status.restoredAt !== null && now - status.restoredAt < BACK_ONLINE_MS) kind = 'online';
  } else if (status.everOnline || !navigator.onLine) {
    kind = 'offline';
  } else if (now - mountedAt > CONNECTING_GRACE_MS) {
    kind = 'connecting';
  }

  return (
    <div className="conn-slot" role="status" aria-live="polite" data-connection={kind ?? 'ok'}>
      {kind === 'connecting' && <div className="conn conn-connecting">Connecting…</div>}
      {kind === 'offline' && (
        <div className="conn conn-offline">
          <span>
            <strong>Offline.</strong>{' '}
            {status.state === 'connecting' ? 'Reconnecting…' : 'Trying to reconnect.'} Messages you
            send will go out when the connection is back.
          </span>
          {status.state === 'offline' && (
            <button type="button" className="link-btn" onClick={reconnect}>
              Retry now
            </button>
          )}
        </div>
      )}
      {kind === 'online' && <div className="conn conn-online">Back online</div>}
    </div>
  );
}
