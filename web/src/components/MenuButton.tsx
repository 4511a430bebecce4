import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/**
 * A button that opens a small menu (WAI-ARIA menu button): outside click and Escape close it,
 * arrows move between items. `children` gets `close`, which an item calls before acting.
 */
export function MenuButton({
  label,
  icon = 'more',
  menuLabel,
  className = 'icon-btn',
  children,
}: {
  /** The button's accessible name ("Options for Ben"). */
  label: string;
  icon?: IconName;
  menuLabel: string;
  className?: string;
  children: (close: (action: () => void) => () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLElement>('[role^="menuitem"]:not(:disabled)')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        // This Escape closes the menu only, not the panel around it (ChatPage's handler).
        event.preventDefault();
        setOpen(false);
        buttonRef.current?.focus();
        return;
      }
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
            : undefined;
      if (target) {
        event.preventDefault();
        target.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    // Capture: before the panels' own Escape handlers, which skip a prevented event.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className="menu-root" ref={rootRef}>
      <button
        type="button"
        className={className}
        ref={buttonRef}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
      >
        <Icon name={icon} size={18} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label={menuLabel}>
          {children(close)}
        </div>
      )}
    </div>
  );
}

/** One item of a MenuButton's menu. */
export function MenuItem({
  icon,
  label,
  onSelect,
  danger = false,
  checked,
}: {
  icon: IconName;
  label: string;
  onSelect: () => void;
  danger?: boolean;
  /** Set for a choice among several (mute for 1 hour / 8 hours …). */
  checked?: boolean;
}) {
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemradio'}
      aria-checked={checked}
      className={`menu-item${danger ? ' danger-text' : ''}`}
      onClick={onSelect}
    >
      <Icon name={icon} size={18} /> {label}
    </button>
  );
}
