import type { Message } from '../../api/types';
import { formatFull } from '../../lib/time';
import './systemLine.css';

/** One system line in the timeline: centred, muted, with the time on hover. */
export function SystemLine({ message }: { message: Message }) {
  return (
    <li className="system-line" data-seq={message.seq} data-system-event={message.system?.event}>
      <span title={formatFull(message.created_at)}>{message.body_text}</span>
    </li>
  );
}
