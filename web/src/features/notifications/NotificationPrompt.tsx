import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { dismissPrompt, notificationPermission, promptDismissed } from './notificationPreferences';
import './notifications.css';

/**
 * Offers notifications in the sidebar once there is something to be notified about. The
 * browser's own permission prompt only opens from the button, never on page load (browsers
 * penalise sites that ask unprompted, and people refuse what they did not ask for).
 */
export function NotificationPrompt({ hasConversations }: { hasConversations: boolean }) {
  const [hidden, setHidden] = useState(
    () => promptDismissed() || notificationPermission() !== 'default',
  );
  if (hidden || !hasConversations) return null;
  return (
    <section className="notify-prompt" aria-label="Notifications">
      <Icon name="bell" size={18} />
      <p>Get notified about new messages while Natter is in the background.</p>
      <div className="notify-prompt-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          onClick={() => {
            void Notification.requestPermission().finally(() => setHidden(true));
          }}
        >
          Turn on
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={() => {
            dismissPrompt();
            setHidden(true);
          }}
        >
          Not now
        </button>
      </div>
    </section>
  );
}
