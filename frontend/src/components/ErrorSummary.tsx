import { Alert } from '@cmsgov/design-system';
import type { UserErrorLike } from '@/lib/user-errors';

/**
 * Errors that belong to no field of the form: shown above it, announced as an alert, and
 * focusable so that useFormErrors can move focus to it.
 */
export function ErrorSummary({ heading, errors }: { heading: string; errors: readonly UserErrorLike[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert variation="error" heading={heading} headingLevel="2" className="ds-u-margin-bottom--3" tabIndex={-1} data-error-summary="">
      {errors.length === 1 ? (
        <p className="ds-c-alert__text">{errors[0]?.message}</p>
      ) : (
        <ul className="ds-c-list ds-u-margin-bottom--0">
          {errors.map((error, index) => (
            <li key={`${error.code}-${String(index)}`}>{error.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
