import { Button, TextField } from '@cmsgov/design-system';
import type { ChangeEvent } from 'react';
import { navigate } from '../../../lib/router';
import { confirmEmailPath } from '../../../lib/routes';
import type { FormErrors } from '../../../lib/use-form-errors';
import type { UserErrorLike } from '../../../lib/user-errors';
import type { SubmittedRequest } from '../api/ask';

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
  function field(key: keyof AddressValue) {
    return (event: ChangeEvent<HTMLInputElement>) => {
      onChange({ ...value, [key]: event.target.value });
    };
  }
  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4">
      <legend className="ds-text-heading--lg ds-u-padding-x--0">{legend}</legend>
      <TextField
        label="Street address"
        name="address-line1"
        autoComplete="address-line1"
        value={value.line1}
        onChange={field('line1')}
        errorMessage={errors['address.line1']}
      />
      <TextField
        label="Street address line 2"
        requirementLabel="Optional"
        name="address-line2"
        autoComplete="address-line2"
        value={value.line2}
        onChange={field('line2')}
        errorMessage={errors['address.line2']}
      />
      <TextField
        label="City"
        name="address-city"
        autoComplete="address-level2"
        value={value.city}
        onChange={field('city')}
        errorMessage={errors['address.city']}
      />
      <TextField
        label="State"
        hint="2-letter code, for example IL"
        name="address-state"
        autoComplete="address-level1"
        size="small"
        maxLength={2}
        value={value.state}
        onChange={field('state')}
        errorMessage={errors['address.state']}
      />
      <TextField
        label="ZIP code"
        hint="5 digits, or ZIP+4 such as 62701-1234"
        name="address-zip"
        autoComplete="postal-code"
        size="medium"
        value={value.zip}
        onChange={field('zip')}
        errorMessage={errors['address.zip']}
      />
    </fieldset>
  );
}
