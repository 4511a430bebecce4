// What this browser remembers about notifications for the signed-in person.
const SOUND_KEY = 'natter.notifications.sound';
const PROMPT_DISMISSED_KEY = 'natter.notifications.promptDismissed';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: fall back to defaults
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

/** A sound with each notification: off unless asked for. */
export function soundEnabled(): boolean {
  return read(SOUND_KEY) === 'on';
}

export function setSoundEnabled(enabled: boolean): void {
  write(SOUND_KEY, enabled ? 'on' : 'off');
}

export function promptDismissed(): boolean {
  return read(PROMPT_DISMISSED_KEY) === 'yes';
}

export function dismissPrompt(): void {
  write(PROMPT_DISMISSED_KEY, 'yes');
}

/** 'unsupported' where the browser has no Notification API (some phones, insecure origins). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
