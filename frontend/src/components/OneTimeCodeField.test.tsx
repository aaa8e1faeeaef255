import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { digitsOnly, OneTimeCodeField } from './OneTimeCodeField';

function Form() {
  const [code, setCode] = useState('');
  return <OneTimeCodeField label="Confirmation code" hint="6 digits" value={code} onChange={setCode} errorMessage={undefined} />;
}

describe('OneTimeCodeField', () => {
  it('keeps only digits', () => {
    expect(digitsOnly('01 23-4a5')).toBe('012345');
    expect(digitsOnly('abc')).toBe('');
  });

  it('is a numeric one-time-code field named code that takes at most 6 digits', async () => {
    const user = userEvent.setup();
    render(<Form />);
    const field = screen.getByRole('textbox', { name: /Confirmation code/ });
    expect(field).toHaveAttribute('name', 'code');
    expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAttribute('maxlength', '6');
    await user.type(field, '12 a34');
    expect(field).toHaveValue('1234');
  });
});
