import type { RequestStatus } from '@/gql/graphql';
import { submittedItemOf, type UserErrorLike } from '@/lib/user-errors';

export interface DecisionOutcome {
  requestId: string;
  trackingNumber: string;
  /** Set when the request was decided. */
  status?: RequestStatus;
  /** Set when it was not: why. */
  error?: string;
}

export interface BulkOutcome {
  outcomes: DecisionOutcome[];
  /** Errors about the submission as a whole (no reason for a denial, too many ids). */
  general: UserErrorLike[];
  /** A general error about the reason field, to show next to it. */
  reasonError?: string;
}

/**
 * decideRequests answers with the requests it decided and an error per refused item, naming it by
 * its index in the submitted `requestIds` (["requestIds", "<i>"]).
 */
export function bulkOutcome(
  submitted: readonly { id: string; trackingNumber: string }[],
  decided: readonly { id: string; trackingNumber: string; status: RequestStatus }[],
  errors: readonly UserErrorLike[],
): BulkOutcome {
  const byId = new Map<string, DecisionOutcome>();
  const general: UserErrorLike[] = [];
  let reasonError: string | undefined;
  for (const request of decided) {
    byId.set(request.id, { requestId: request.id, trackingNumber: request.trackingNumber, status: request.status });
  }
  for (const error of errors) {
    const item = submittedItemOf(error, 'requestIds', submitted);
    if (item !== undefined) {
      const previous = byId.get(item.id)?.error;
      byId.set(item.id, {
        requestId: item.id,
        trackingNumber: item.trackingNumber,
        error: previous === undefined ? error.message : `${previous} ${error.message}`,
      });
    } else if (error.field?.length === 1 && error.field[0] === 'reason') {
      reasonError = reasonError === undefined ? error.message : `${reasonError} ${error.message}`;
    } else {
      general.push(error);
    }
  }
  // In the order they were submitted, which is the order on the screen.
  const outcomes = submitted.flatMap((item) => {
    const outcome = byId.get(item.id);
    return outcome === undefined ? [] : [outcome];
  });
  return { outcomes, general, reasonError };
}
