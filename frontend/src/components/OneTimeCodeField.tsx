import { TextField } from '@cmsgov/design-system';
import type { ChangeEvent } from 'react';

/** Only the digits of what was typed or pasted: a code field keeps nothing else. */
export function digitsOnly(text: string): string {
  return text.replace(/\D/g, '');
}

/** The field for a 6-digit code sent by e-mail (R3, R41); it keeps only digits. */
export function OneTimeCodeField({
  label,
  hint,
  value,
  onChange,
  errorMessage,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (code: string) => void;
  errorMessage: string | undefined;
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={6}
      size="small"
      value={value}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        onChange(digitsOnly(event.target.value));
      }}
      errorMessage={errorMessage}
    />
  );
}
