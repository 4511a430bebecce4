import { Icon } from '../../components/Icon';
import type { DeliveryStatus } from './receipts';

const LABELS: Record<DeliveryStatus, string> = {
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

/**
 * Three shapes, not three shades: one check (sent), two checks (delivered), two checks in a
 * filled disc (read). On the purple bubble a colour change alone was nearly invisible.
 */
export function DeliveryTicks({ status }: { status: DeliveryStatus }) {
  return (
    <span
      className={`ticks ticks-${status}`}
      role="img"
      aria-label={LABELS[status]}
      title={LABELS[status]}
      data-status={status}
    >
      <Icon name={status === 'sent' ? 'check' : 'checks'} size={status === 'read' ? 12 : 16} />
    </span>
  );
}
