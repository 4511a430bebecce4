import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { Avatar } from '../../components/Avatar';
import { Icon, type IconName } from '../../components/Icon';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import { useSignOut } from '../auth/useSignOut';
import { DeleteAccountDialog } from '../account/DeleteAccountDialog';
import { downloadExport } from '../account/downloadExport';
import { useIsAdmin } from '../admin/useIsAdmin';
import { BlockedPeopleDialog } from '../moderation/BlockedPeopleDialog';
import { NotificationMenuItems } from '../notifications/NotificationMenuItems';
import { PresencePrivacyMenuItem } from './PresencePrivacyMenuItem';
import { ProfileEditDialog } from './ProfileEditDialog';

export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const { isAdmin } = useIsAdmin();
  const [blockedOpen, setBlockedOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  /** A menu item's action runs with the menu already closed. */
  const close = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
        return;
      }
      // Menu keys (WAI-ARIA menu pattern): arrows move, Home and End jump, wrapping around.
      const items = [
        ...(rootRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)') ??
          []),
      ];
      if (items.length === 0) return;
      const index = items.indexOf(document.activeElement as HTMLElement);
      const target =
        event.key === 'ArrowDown'
          ? items[(index + 1) % items.length]
          : event.key === 'ArrowUp'
            ? items[(index - 1 + items.length) % items.length]
            : event.key === 'Home'
              ? items[0]
              : event.key === 'End'
                ? items[items.length - 1]
                : undefined;
      if (target) {
        event.preventDefault();
        target.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="menu-root" ref={rootRef}>
      <button
        type="button"
        className="icon-btn"
        ref={buttonRef}
        aria-label={`Account: ${displayName(me)}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Avatar id={me.id} name={displayName(me)} url={me.avatar_url} size={32} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label="Account">
          <div className="menu-head">
            <strong>{displayName(me)}</strong>
            <span>@{me.username}</span>
          </div>
          <MenuAction
            icon="edit"
            label="Edit profile"
            autoFocus
            onSelect={close(() => setEditing(true))}
          />
          {isAdmin && (
            <Link role="menuitem" className="menu-item" to="/admin" onClick={() => setOpen(false)}>
              <Icon name="alert" size={18} /> Admin console
            </Link>
          )}
          <NotificationMenuItems />
          <PresencePrivacyMenuItem />
          <MenuAction
            icon="users"
            label="Blocked people"
            onSelect={close(() => setBlockedOpen(true))}
          />
          <MenuAction
            icon="down"
            label="Download my data"
            onSelect={close(() => {
              setExportError(null);
              downloadExport(me.username).catch((error: unknown) =>
                setExportError(errorMessage(error)),
              );
            })}
          />
          <MenuAction
            icon="close"
            label="Delete account…"
            danger
            onSelect={close(() => setDeleting(true))}
          />
          <MenuAction icon="logout" label="Sign out" onSelect={close(() => void signOut())} />
        </div>
      )}
      {exportError && (
        <p className="alert alert-error menu-alert" role="alert">
          Could not download your data: {exportError}
        </p>
      )}
      <ProfileEditDialog open={editing} onClose={() => setEditing(false)} />
      <DeleteAccountDialog open={deleting} onClose={() => setDeleting(false)} />
      <BlockedPeopleDialog open={blockedOpen} onClose={() => setBlockedOpen(false)} />
    </div>
  );
}

function MenuAction({
  icon,
  label,
  onSelect,
  danger = false,
  autoFocus = false,
}: {
  icon: IconName;
  label: string;
  onSelect: () => void;
  danger?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`menu-item${danger ? ' danger-text' : ''}`}
      autoFocus={autoFocus}
      onClick={onSelect}
    >
      <Icon name={icon} size={18} /> {label}
    </button>
  );
}
