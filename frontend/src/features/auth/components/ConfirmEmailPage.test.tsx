import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, stubGraphQL } from '@/test/render';
import { signedInViewer } from '@/test/viewer';
import { ConfirmEmailPage } from './ConfirmEmailPage';

const viewer = signedInViewer({ userId: 'PDOE0001', name: 'Pat Doe', email: 'pat@example.org', emailVerified: false });

/** The mail log's answer: null in production (no mail log), a list in development. */
const production = { body: { data: { mailLog: null } } };

describe('ConfirmEmailPage', () => {
  it('says where the code went on a development server: the mail log and the server output', async () => {
    stubGraphQL({ body: { data: { viewer } } }, { body: { data: { mailLog: [] } } });
    renderWithQueryClient(<ConfirmEmailPage />);

    const note = await screen.findByTestId('development-mail');
    expect(note).toHaveTextContent('This is a development server');
    expect(note).toHaveTextContent('IACS_SMTP_URL');
    expect(screen.getByRole('link', { name: 'mail log' })).toHaveAttribute('href', '/mail');
  });

  it('says nothing of the sort in production', async () => {
    const requests = stubGraphQL({ body: { data: { viewer } } }, production);
    renderWithQueryClient(<ConfirmEmailPage />);

    await screen.findByLabelText(/^Confirmation code/);
    await waitFor(() => {
      expect(requests).toHaveLength(2);
    });
    expect(screen.queryByTestId('development-mail')).not.toBeInTheDocument();
  });

  it('shows a wrong code next to the code field', async () => {
    stubGraphQL(
      { body: { data: { viewer } } },
      production,
      {
        body: {
          data: {
            verifyEmail: {
              viewer: { id: viewer.id, emailVerified: false },
              errors: [{ code: 'INVALID_CODE', message: 'This code is wrong or has expired.', field: ['code'] }],
            },
          },
        },
      },
    );
    renderWithQueryClient(<ConfirmEmailPage />);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/^Confirmation code/), '12a3456');
    await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));

    const code = screen.getByLabelText(/^Confirmation code/);
    expect(code).toHaveValue('123456');
    expect(code).toHaveAccessibleDescription(expect.stringContaining('This code is wrong or has expired.'));
    expect(code).toHaveFocus();
  });

  it('says when a new code was sent, and shows a refusal in the summary', async () => {
    const resent = { data: { resendVerificationCode: { viewer: { id: viewer.id }, errors: [] } } };
    const refused = {
      data: {
        resendVerificationCode: {
          viewer: { id: viewer.id },
          errors: [{ code: 'RATE_LIMITED', message: 'A code was sent less than 60 seconds ago.', field: null }],
        },
      },
    };
    stubGraphQL({ body: { data: { viewer } } }, production, { body: resent }, { body: refused });
    renderWithQueryClient(<ConfirmEmailPage />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Send a new code' }));
    expect(await screen.findByRole('status', { name: /We sent you a new code/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send a new code' }));
    const summary = await screen.findByRole('alert', { name: /There is a problem/ });
    expect(summary).toHaveTextContent('A code was sent less than 60 seconds ago.');
    expect(screen.queryByRole('status', { name: /We sent you a new code/ })).not.toBeInTheDocument();
  });

  it('sends the person to sign-in when the session has ended', async () => {
    window.history.replaceState(null, '', '/confirm-email');
    stubGraphQL(
      { body: { data: { viewer } } },
      production,
      {
        body: {
          data: {
            verifyEmail: { viewer: null, errors: [{ code: 'UNAUTHENTICATED', message: 'Sign in first.', field: null }] },
          },
        },
      },
    );
    renderWithQueryClient(<ConfirmEmailPage />);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText(/^Confirmation code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Confirm e-mail address' }));

    expect(window.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/confirm-email');
  });
});
