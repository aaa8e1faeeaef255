import { Alert, Button } from '@cmsgov/design-system';
import { GraphQLRequestError } from '@/lib/execute';

/** A read that failed: says what could not be loaded and offers to try again. */
export function QueryError({ what, error, onRetry }: { what: string; error?: unknown; onRetry: () => void }) {
  const detail =
    error instanceof GraphQLRequestError && error.errors.length > 0
      ? error.message
      : 'Please check your connection and try again.';
  return (
    <Alert variation="error" heading={`We could not load ${what}`} headingLevel="2" className="ds-u-margin-y--3">
      <p className="ds-c-alert__text">{detail}</p>
      <Button size="small" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
