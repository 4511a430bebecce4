import { Outlet, useMatch } from 'react-router';
import { RealtimeProvider } from '../../realtime';
import { useMe } from '../auth/useSession';
import { ConnectionBanner } from '../connection/ConnectionBanner';
import { useMessageNotifications } from '../notifications/useMessageNotifications';
import { Sidebar } from '../conversations/Sidebar';
import { MessageSearch } from '../search/MessageSearch';
import { QuickSwitcher } from '../switcher/QuickSwitcher';
import './shell.css';

/** Inside the realtime provider: notifications listen to its incoming messages. */
function MessageNotifications() {
  useMessageNotifications();
  return null;
}

/** Sidebar plus main view; on a phone only one of them shows at a time. */
export function AppShell() {
  const me = useMe();
  const inConversation = useMatch('/app/c/:conversationId');
  const onProfile = useMatch('/u/:username');
  const mainOpen = Boolean(inConversation || onProfile);
  return (
    <RealtimeProvider userId={me.id}>
      <MessageNotifications />
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <QuickSwitcher />
      <MessageSearch />
      <div className={`shell${mainOpen ? ' main-open' : ''}`}>
        <ConnectionBanner />
        <div className="shell-body">
          <Sidebar />
          <div className="shell-main" id="main" tabIndex={-1}>
            <Outlet />
          </div>
        </div>
      </div>
    </RealtimeProvider>
  );
}
