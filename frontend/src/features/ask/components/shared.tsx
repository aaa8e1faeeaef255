import { Button, TextField } from '@cmsgov/design-system';
import type { ChangeEvent } from 'react';
import { endOfDay, pickerDate } from '@/lib/format';
import { navigate } from '@/lib/router';
import { confirmEmailPath } from '@/lib/routes';
import type { FormErrors } from '@/lib/use-form-errors';
import type { UserErrorLike } from '@/lib/user-errors';
import type { SubmittedRequest } from '@/features/ask/api/ask';

/** What each form calls once its request(s) are sent. */
export type OnSubmitted = (requests: SubmittedRequest[]) => void;

/**
 * Shows a payload's errors on the form; R3: an unconfirmed e-mail address sends the person to
 * confirm it, and back here afterwards.
 */
export function showRequestErrors<F extends string>(errors: readonly UserErrorLike[], formErrors: FormErrors<F>): void {
  if (errors.some((error) => error.code === 'EMAIL_NOT_VERIFIED')) {
    navigate(confirmEmailPath(window.location.pathname + window.location.search));
    return;
  }
  formErrors.show(errors);
}

/**
 * The error of a field the form does not show as an input (yet): said in its place, and where the
 * focus goes when the form fails.
 */
export function FieldError({ message }: { message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="ds-c-inline-error" data-error-focus="" tabIndex={-1}>
      {message}
    </p>
  );
}

export function SubmitButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <Button type="submit" variation="solid" className="ds-u-margin-top--4" aria-disabled={pending || undefined}>
      {pending ? 'Sending…' : label}
    </Button>
  );
}

export interface AddressValue {
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
}

export const emptyAddress: AddressValue = { line1: '', line2: '', city: '', state: '', zip: '' };

/** The AddressInput paths a form shows next to the address fields. */
export const addressFields = ['address.line1', 'address.line2', 'address.city', 'address.state', 'address.zip'] as const;
export type AddressField = (typeof addressFields)[number];

export function toAddressInput(address: AddressValue) {
  return {
    line1: address.line1.trim(),
    line2: address.line2.trim() === '' ? null : address.line2.trim(),
    city: address.city.trim(),
    state: address.state.trim().toUpperCase(),
    zip: address.zip.trim(),
  };
}

/** The address fields, in order: each is named `address-<key>` and its errors come as `address.<key>`. */
const addressInputs: readonly {
  key: keyof AddressValue;
  label: string;
  autoComplete: string;
  requirementLabel?: string;
  hint?: string;
  size?: 'small' | 'medium';
  maxLength?: number;
}[] = [
  { key: 'line1', label: 'Street address', autoComplete: 'address-line1' },
  { key: 'line2', label: 'Street address line 2', requirementLabel: 'Optional', autoComplete: 'address-line2' },
  { key: 'city', label: 'City', autoComplete: 'address-level2' },
  {
    key: 'state',
    label: 'State',
    hint: '2-letter code, for example IL',
    autoComplete: 'address-level1',
    size: 'small',
    maxLength: 2,
  },
  {
    key: 'zip',
    label: 'ZIP code',
    hint: '5 digits, or ZIP+4 such as 62701-1234',
    autoComplete: 'postal-code',
    size: 'medium',
  },
];

export function AddressFields({
  legend,
  value,
  onChange,
  errors,
}: {
  legend: string;
  value: AddressValue;
  onChange: (value: AddressValue) => void;
  errors: Partial<Record<AddressField, string>>;
}) {
  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4">
      <legend className="ds-text-heading--lg ds-u-padding-x--0">{legend}</legend>
      {addressInputs.map(({ key, ...input }) => (
        <TextField
          key={key}
          {...input}
          name={`address-${key}`}
          value={value[key]}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onChange({ ...value, [key]: event.target.value });
          }}
          errorMessage={errors[`address.${key}`]}
        />
      ))}
    </fieldset>
  );
}

/** R40: what any request may carry besides what it asks for. */
export interface TermsValue {
  justification: string;
  /** A calendar date, `YYYY-MM-DD`, or '' for none. */
  endDate: string;
}

export const emptyTerms: TermsValue = { justification: '', endDate: '' };

/** The input paths the server names for the terms (R40). */
export const termsFields = ['justification', 'endsAt'] as const;
export type TermsField = (typeof termsFields)[number];

export function toTermsInput(terms: TermsValue): { justification: string | null; endsAt: string | null } {
  const justification = terms.justification.trim();
  return {
    justification: justification === '' ? null : justification,
    endsAt: terms.endDate === '' ? null : endOfDay(terms.endDate),
  };
}

/** Today + `days`, as `YYYY-MM-DD` in the person's own time zone. */
export function dateFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return pickerDate(date.toISOString());
}

/** R40: an optional reason (the people who decide read it) and an optional end date for the role. */
export function TermsFields({
  value,
  onChange,
  errors,
}: {
  value: TermsValue;
  onChange: (value: TermsValue) => void;
  errors: Partial<Record<TermsField, string>>;
}) {
  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4">
      <legend className="ds-text-heading--lg ds-u-padding-x--0">Why and until when</legend>
      <TextField
        label="Why you need this"
        requirementLabel="Optional"
        hint="Up to 1,000 characters. The people who decide your request will read it."
        name="justification"
        multiline
        rows={3}
        maxLength={1000}
        value={value.justification}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
          onChange({ ...value, justification: event.target.value });
        }}
        errorMessage={errors.justification}
      />
      <TextField
        label="Until"
        requirementLabel="Optional"
        hint="The role ends by itself at the end of this day; at most a year from today. Leave empty to keep it until someone ends it."
        name="endsAt"
        type="date"
        size="medium"
        min={dateFromToday(1)}
        max={dateFromToday(364)}
        value={value.endDate}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          onChange({ ...value, endDate: event.target.value });
        }}
        errorMessage={errors.endsAt}
      />
    </fieldset>
  );
}
