import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, stubGraphQL } from '@/test/render';
import { SignUpPage } from './SignUpPage';

async function fillAndSubmit() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Work e-mail address'), 'pat@example.org');
  await user.type(screen.getByLabelText('Full name'), 'Pat Doe');
  await user.type(screen.getByLabelText(/^Password/), 'short');
  await user.click(screen.getByLabelText('I have read and accept the rules of behavior'));
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignUpPage', () => {
  it('shows each payload error next to the field its path names, and the others in a summary', async () => {
    const requests = stubGraphQL({
      body: {
        data: {
          registerAccount: {
            viewer: null,
            errors: [
              { code: 'WEAK_PASSWORD', message: 'Use at least 12 characters.', field: ['password'] },
              { code: 'EMAIL_TAKEN', message: 'This e-mail address already has an account.', field: ['email'] },
              { code: 'INVALID_INPUT', message: 'The ZIP code is not valid.', field: ['address', 'zip'] },
              { code: 'INVALID_INPUT', message: 'Something else went wrong.', field: null },
            ],
          },
        },
      },
    });
    renderWithQueryClient(<SignUpPage />);

    await fillAndSubmit();

    // given the form's values were sent as RegisterAccountInput
    expect(requests[0]?.body.variables).toEqual({
      input: {
        email: 'pat@example.org',
        name: 'Pat Doe',
        password: 'short',
        phone: null,
        community: 'PROVIDER_SUPPLIER',
        acceptTerms: true,
      },
    });
    // then field errors sit with their fields
    const password = screen.getByLabelText(/^Password/);
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));
    const email = screen.getByLabelText('Work e-mail address');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('This e-mail address already has an account.'));
    expect(screen.getByLabelText('Full name')).not.toHaveAttribute('aria-invalid', 'true');
    // and the errors of no field of this form go to the summary, which gets the focus
    const summary = screen.getByRole('alert', { name: /We could not create your account/ });
    expect(within(summary).getByText('The ZIP code is not valid.')).toBeInTheDocument();
    expect(within(summary).getByText('Something else went wrong.')).toBeInTheDocument();
    expect(within(summary).queryByText('Use at least 12 characters.')).not.toBeInTheDocument();
    expect(summary).toHaveFocus();
  });

  it('focuses the first invalid field when every error has a field', async () => {
    stubGraphQL({
      body: {
        data: {
          registerAccount: {
            viewer: null,
            errors: [{ code: 'WEAK_PASSWORD', message: 'Use at least 12 characters.', field: ['password'] }],
          },
        },
      },
    });
    renderWithQueryClient(<SignUpPage />);

    await fillAndSubmit();

    expect(screen.queryByRole('alert', { name: /We could not create your account/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveFocus();
  });

  it('goes to /confirm-email once the account exists', async () => {
    const viewer = { id: 'VXNlcjox', userId: 'PDOE0001', name: 'Pat Doe', emailVerified: false };
    stubGraphQL({ body: { data: { registerAccount: { viewer, errors: [] } } } });
    renderWithQueryClient(<SignUpPage />);

    await fillAndSubmit();

    expect(window.location.pathname).toBe('/confirm-email');
  });
});
