import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { GraphQLRequestError, sendToSignIn, UnauthenticatedError } from './execute';
import { splitUserErrors, type SplitUserErrors, type UserErrorLike } from './user-errors';

export interface FormErrors<F extends string> extends SplitUserErrors<F> {
  /** Shows the payload errors of a mutation (an empty list clears them). */
  show: (errors: readonly UserErrorLike[]) => void;
  /** Shows a thrown error (network, server) as a general error. */
  showFailure: (error: unknown) => void;
  clear: () => void;
  /**
   * Runs a mutation for the form: shows its payload errors (none: clears those shown) or what it
   * threw, and calls `onSuccess` with a payload without errors (what that throws shows too).
   */
  submit: <P extends { errors: readonly UserErrorLike[] }>(
    mutation: () => Promise<P>,
    onSuccess: (payload: P) => void | Promise<void>,
  ) => Promise<void>;
}

function failureMessage(error: unknown): string {
  if (error instanceof GraphQLRequestError && error.message !== '') return error.message;
  return 'Something went wrong while contacting the server. Please try again.';
}

/**
 * Errors of one form: field errors go next to their fields, the rest to a summary. After each
 * submission that fails, focus moves to the first message (summary or invalid field), so that a
 * keyboard or screen-reader user lands on it.
 */
export function useFormErrors<F extends string>(
  fields: readonly F[],
  formRef: RefObject<HTMLFormElement | null>,
): FormErrors<F> {
  const [state, setState] = useState<{ errors: readonly UserErrorLike[]; shownAt: number }>({ errors: [], shownAt: 0 });

  useEffect(() => {
    if (state.errors.length === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[data-error-summary], [aria-invalid="true"], [data-error-focus]');
    first?.focus();
  }, [state, formRef]);

  const show = useCallback((errors: readonly UserErrorLike[]) => {
    // A mutation for the signed-in person answers UNAUTHENTICATED in its payload when the session
    // has ended: the person signs in again and comes back here, as with a top-level error.
    if (errors.some((error) => error.code === 'UNAUTHENTICATED')) {
      sendToSignIn();
      return;
    }
    setState((previous) => ({ errors, shownAt: previous.shownAt + 1 }));
  }, []);
  const showFailure = useCallback(
    (error: unknown) => {
      // The person is already on their way to the sign-in page.
      if (error instanceof UnauthenticatedError) return;
      show([{ code: 'REQUEST_FAILED', message: failureMessage(error) }]);
    },
    [show],
  );
  const clear = useCallback(() => {
    show([]);
  }, [show]);

  const submit = useCallback(
    async <P extends { errors: readonly UserErrorLike[] }>(
      mutation: () => Promise<P>,
      onSuccess: (payload: P) => void | Promise<void>,
    ) => {
      try {
        const payload = await mutation();
        show(payload.errors);
        if (payload.errors.length === 0) await onSuccess(payload);
      } catch (error) {
        showFailure(error);
      }
    },
    [show, showFailure],
  );

  const split = useMemo(() => splitUserErrors(state.errors, fields), [state.errors, fields]);
  return { ...split, show, showFailure, clear, submit };
}
