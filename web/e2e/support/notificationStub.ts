// Headless Chromium shows no system notifications and is always "visible": specs that check
// notifications record them in the page instead (window.__notifications), and play the tab's
// visibility with window.__attentive. Runs in the page (addInitScript): self-contained.
/** Records notifications instead of showing them; `__attentive` plays visible + focused. */
export function stubNotificationsAndVisibility() {
  const w = window as unknown as Record<string, unknown>;
  w.__notifications = [];
  w.__attentive = true;
  class StubNotification {
    static permission: NotificationPermission = 'default';
    static requestPermission() {
      StubNotification.permission = 'granted';
      return Promise.resolve('granted' as NotificationPermission);
    }
    onclick: (() => void) | null = null;
    closed = false;
    constructor(
      public title: string,
      public options: NotificationOptions = {},
    ) {
      (w.__notifications as StubNotification[]).push(this);
    }
    close() {
      this.closed = true;
    }
  }
  w.Notification = StubNotification;
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get: () => (w.__attentive ? 'visible' : 'hidden'),
  });
  Object.defineProperty(Document.prototype, 'hidden', {
    configurable: true,
    get: () => !w.__attentive,
  });
  Document.prototype.hasFocus = () => Boolean(w.__attentive);
}
