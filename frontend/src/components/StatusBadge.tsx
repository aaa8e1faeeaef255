import { Badge } from '@cmsgov/design-system';
import type { RequestStatus } from '@/gql/graphql';
import { requestStatusNames } from '@/lib/names';
import { statusBadge } from '@/lib/requests';

/** A request's status as a badge; the word itself carries the meaning, not the colour. */
export function StatusBadge({ status }: { status: RequestStatus }) {
  const variation = statusBadge[status];
  return (
    <Badge variation={variation} hideScreenReaderText className="iacs-status" data-status={status}>
      {requestStatusNames[status]}
    </Badge>
  );
}
