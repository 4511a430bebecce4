import { Icon } from '../../components/Icon';
import type { DeliveryStatus } from './receipts';

const LABELS: Record<DeliveryStatus, string> = {
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};

export function DeliveryTicks({ status }: { status: DeliveryStatus }) {
  return (
    <span
      className={`ticks ticks-${status}`}
      role="img"
      aria-label={LABELS[status]}
      title={LABELS[status]}
      data-status={status}
    >
      <Icon name={status === 'sent' ? 'check' : 'checks'} size={16} />
    </span>
  );
}
