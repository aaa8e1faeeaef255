import { Badge } from '@cmsgov/design-system';
import { useLiveState, type LiveStatus } from '@/features/queue/api/live-queue';

const words: Record<Exclude<LiveStatus, 'off'>, { label: string; hint: string }> = {
  connecting: { label: 'Connecting…', hint: 'Connecting to live updates.' },
  live: { label: 'Live', hint: 'New requests appear here as they arrive.' },
  paused: { label: 'Updates paused', hint: 'Trying to reconnect; the list is as of when it was last read.' },
};

/** Whether the queue on screen follows new requests by itself (the approvalQueue subscription). */
export function LiveQueueStatus() {
  const { status } = useLiveState();
  if (status === 'off') return null;
  const { label, hint } = words[status];
  return (
    <p className="iacs-live" data-testid="live-status" data-status={status}>
      <Badge variation={status === 'live' ? 'success' : undefined} className="iacs-live__badge">
        {label}
      </Badge>{' '}
      <span className="ds-u-font-size--sm">{hint}</span>
    </p>
  );
}

/** Announces queue changes politely, wherever the person is (the region is always there, so that it is heard). */
export function LiveQueueAnnouncer() {
  const { announcement } = useLiveState();
  return (
    <div className="ds-u-visibility--screen-reader" role="status" aria-live="polite" aria-atomic="true" data-testid="queue-announcement">
      {announcement !== null && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
