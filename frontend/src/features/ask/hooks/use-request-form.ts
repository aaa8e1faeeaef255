// What every "Ask" form does around its own fields: the terms (R40), sending once at a time, the
// errors of the answer next to their fields, and what was sent handed on.
import { useMemo, useRef, useState, type RefObject, type SubmitEvent } from 'react';
import { useFormErrors, type FormErrors } from '@/lib/use-form-errors';
import type { UserErrorLike } from '@/lib/user-errors';
import type { RequestTerms, SubmittedRequest } from '@/features/ask/api/ask';
import {
  emptyTerms,
  showRequestErrors,
  termsFields,
  toTermsInput,
  type OnSubmitted,
  type TermsField,
  type TermsValue,
} from '@/features/ask/components/shared';

/** What sending answered: a mutation's payload (`request`), or the requests a form counts as sent (`requests`). */
export interface RequestAnswer {
  errors: readonly UserErrorLike[];
  request?: SubmittedRequest | null;
  requests?: readonly SubmittedRequest[];
}

/** Sends the request with the terms as the API takes them. */
export type SendRequest = (terms: RequestTerms) => Promise<RequestAnswer>;

/**
 * What a form does on submit, from its own fields: the problems that stop it before anything is sent
 * (a choice not made), or what sends the request.
 */
export type PrepareRequest = () => SendRequest | readonly UserErrorLike[];

export interface RequestForm<F extends string> {
  formRef: RefObject<HTMLFormElement | null>;
  /** The form's errors: its own fields', the terms', and the others for its summary. */
  errors: FormErrors<F | TermsField>;
  terms: TermsValue;
  setTerms: (terms: TermsValue) => void;
  /** A request is on its way: the submit button says so, and another submit does nothing. */
  busy: boolean;
  /** The form's onSubmit. */
  onSubmit: (prepare: PrepareRequest) => (event: SubmitEvent<HTMLFormElement>) => void;
}

/** Problem in one field found before sending (the server would name it the same way). */
export function invalid(field: string, message: string): UserErrorLike {
  return { code: 'INVALID_INPUT', message, field: [field] };
}

/**
 * One "Ask" form's submit: `fields` are the input paths it shows next to its own fields (the terms' are
 * added). An answer with errors, or with nothing sent, shows the errors (R3: an unconfirmed e-mail address
 * goes to confirm it first); a failure to reach the server is shown in the summary; otherwise
 * `onSubmitted` gets what was sent.
 */
export function useRequestForm<F extends string>(fields: readonly F[], onSubmitted: OnSubmitted): RequestForm<F> {
  const formRef = useRef<HTMLFormElement>(null);
  const allFields = useMemo(() => [...fields, ...termsFields], [fields]);
  const errors = useFormErrors<F | TermsField>(allFields, formRef);
  const [terms, setTerms] = useState<TermsValue>(emptyTerms);
  const [busy, setBusy] = useState(false);
  // The state changes on the next render; this stops a second submit at once.
  const sending = useRef(false);

  async function send(request: SendRequest) {
    sending.current = true;
    setBusy(true);
    try {
      const answer = await request(toTermsInput(terms));
      const sent = answer.requests ?? (answer.request == null ? [] : [answer.request]);
      if (answer.errors.length > 0 || sent.length === 0) {
        showRequestErrors(answer.errors, errors);
        return;
      }
      onSubmitted([...sent]);
    } catch (error) {
      errors.showFailure(error);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  const onSubmit = (prepare: PrepareRequest) => (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending.current) return;
    const prepared = prepare();
    if (typeof prepared === 'function') void send(prepared);
    else errors.show(prepared);
  };

  return { formRef, errors, terms, setTerms, busy, onSubmit };
}
