import { Alert } from '@cmsgov/design-system';
import { formatDate } from '@/lib/format';
import { describeRole } from '@/lib/roles';
import { useDelegatedToMe } from '@/features/queue/api/delegated';

/** R38: while someone's queue is delegated to the viewer, the queue says whose, and until when. */
export function DelegatedToYou() {
  const delegated = useDelegatedToMe();
  if (!delegated.isSuccess || delegated.data.length === 0) return null;
  return (
    <Alert variation="warn" headingLevel="2" heading="You are standing in" className="ds-u-margin-bottom--3">
      <ul className="ds-c-list ds-u-margin-y--1" data-testid="delegated-to-you">
        {delegated.data.map((d) => (
          <li key={d.id}>
            For {d.delegator.name}, as {describeRole(d.role)}, until {formatDate(d.endsAt)}. Their requests are in
            this queue; what you decide is recorded as decided by you for them.
          </li>
        ))}
      </ul>
    </Alert>
  );
}
