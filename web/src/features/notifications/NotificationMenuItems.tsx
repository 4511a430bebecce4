import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { playChime } from './chime';
import {
  notificationPermission,
  setSoundEnabled,
  soundEnabled as storedSoundEnabled,
} from './notificationPreferences';

const permissionLabel = {
  granted: 'Notifications are on',
  denied: 'Notifications blocked in browser settings',
  default: 'Turn on notifications',
  unsupported: 'Notifications not supported here',
} as const;

/** The account menu's notification items: the browser permission, and the optional sound. */
export function NotificationMenuItems() {
  const [permission, setPermission] = useState(notificationPermission);
  const [sound, setSound] = useState(storedSoundEnabled);
  return (
    <>
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        disabled={permission !== 'default'}
        onClick={() => {
          void Notification.requestPermission().then(setPermission);
        }}
      >
        <Icon name="bell" size={18} /> {permissionLabel[permission]}
      </button>
      <button
        type="button"
        role="menuitemcheckbox"
        aria-checked={sound}
        className="menu-item"
        onClick={() => {
          setSoundEnabled(!sound);
          setSound(!sound);
          if (!sound) playChime(); // let the person hear what they turned on
        }}
      >
        <Icon name="volume" size={18} /> Sound for new messages{sound ? ': on' : ': off'}
      </button>
    </>
  );
}
