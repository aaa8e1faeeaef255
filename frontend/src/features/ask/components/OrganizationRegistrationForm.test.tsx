import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { OrganizationRegistrationForm } from './OrganizationRegistrationForm';

async function fillAndSubmit() {
  // No timer between keys (`delay: null`): ~100 characters are typed, each still through the form's handlers.
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText(/^Legal business name/), 'Provider Organization XYZ');
  await user.type(screen.getByLabelText(/^Taxpayer Identification Number/), '12-3456789');
  await user.type(screen.getByLabelText(/^National Provider Identifier/), '1234567893');
  await user.type(screen.getByLabelText(/^Street address$/), '1 Main Street');
  await user.type(screen.getByLabelText(/^City/), 'Springfield');
  await user.type(screen.getByLabelText(/^State/), 'il');
  await user.type(screen.getByLabelText(/^ZIP code/), '6270');
  await user.type(screen.getByLabelText(/^Why you need this/), '  Our clinic opens in March  ');
  await user.click(screen.getByRole('button', { name: 'Send registration' }));
}

function refusal(errors: { code: string; message: string; field: string[] | null }[]) {
  return { requestOrganizationRegistration: { request: null, errors } };
}

describe('OrganizationRegistrationForm', () => {
  it('shows nested address errors (["address","zip"]) next to their fields, and the rest in the summary', async () => {
    const requests = stubGraphQLOperations({
      RequestOrganizationRegistration: () =>
        refusal([
          { code: 'INVALID_ZIP', message: 'A ZIP code is 5 digits, or ZIP+4 like 62704-1234.', field: ['address', 'zip'] },
          { code: 'INVALID_INPUT', message: 'Use the 2-letter code of a US state or territory.', field: ['address', 'state'] },
          { code: 'REGISTRATION_CLOSED', message: 'DMEPOS suppliers may not register yet.', field: ['providerType'] },
          { code: 'INVALID_NPI', message: 'This NPI fails its check digit.', field: ['npi'] },
          { code: 'ORGANIZATION_EXISTS', message: 'This organization is already registered.', field: null },
          { code: 'INVALID_INPUT', message: 'The end date must be in the future.', field: ['endsAt'] },
        ]),
    });
    const onSubmitted = vi.fn();
    renderWithQueryClient(<OrganizationRegistrationForm community="PROVIDER_SUPPLIER" onSubmitted={onSubmitted} />);

    await fillAndSubmit();

    // given the nested input that was sent
    expect(requestsFor(requests, 'RequestOrganizationRegistration')[0]?.body.variables).toEqual({
      input: {
        legalBusinessName: 'Provider Organization XYZ',
        tin: '12-3456789',
        npi: '1234567893',
        ptan: null,
        providerType: 'HOSPITAL',
        community: 'PROVIDER_SUPPLIER',
        address: { line1: '1 Main Street', line2: null, city: 'Springfield', state: 'IL', zip: '6270' },
        justification: 'Our clinic opens in March', // R40: trimmed; no end date chosen
        endsAt: null,
      },
    });
    // then each path's message sits with its field
    const zip = screen.getByLabelText(/^ZIP code/);
    expect(zip).toHaveAttribute('aria-invalid', 'true');
    expect(zip).toHaveAccessibleDescription(expect.stringContaining('A ZIP code is 5 digits'));
    expect(screen.getByLabelText(/^State/)).toHaveAccessibleDescription(expect.stringContaining('2-letter code of a US state'));
    expect(screen.getByLabelText(/^National Provider Identifier/)).toHaveAccessibleDescription(
      expect.stringContaining('fails its check digit'),
    );
    expect(screen.getByRole('button', { name: /Provider type/ })).toHaveAccessibleDescription(
      expect.stringContaining('DMEPOS suppliers may not register yet.'),
    );
    expect(screen.getByLabelText(/^Until/)).toHaveAccessibleDescription(expect.stringContaining('The end date must be in the future.'));
    expect(screen.getByLabelText(/^City/)).not.toHaveAttribute('aria-invalid', 'true');
    // and what belongs to no field goes to the summary, which takes the focus
    const summary = screen.getByRole('alert', { name: /We could not send your registration/ });
    expect(within(summary).getByText('This organization is already registered.')).toBeInTheDocument();
    expect(within(summary).queryByText(/ZIP code/)).not.toBeInTheDocument();
    expect(summary).toHaveFocus();
    expect(onSubmitted).not.toHaveBeenCalled();
  });

  it('focuses the first invalid field when every error has a field', async () => {
    stubGraphQLOperations({
      RequestOrganizationRegistration: () =>
        refusal([{ code: 'INVALID_ZIP', message: 'A ZIP code is 5 digits.', field: ['address', 'zip'] }]),
    });
    renderWithQueryClient(<OrganizationRegistrationForm community="PROVIDER_SUPPLIER" onSubmitted={vi.fn()} />);

    await fillAndSubmit();

    expect(await screen.findByLabelText(/^ZIP code/)).toHaveFocus();
    expect(screen.queryByRole('alert', { name: /We could not send/ })).not.toBeInTheDocument();
  });

  it('sends an unconfirmed person to confirm the e-mail address, and back here', async () => {
    window.history.replaceState(null, '', '/ask?kind=organization');
    stubGraphQLOperations({
      RequestOrganizationRegistration: () =>
        refusal([{ code: 'EMAIL_NOT_VERIFIED', message: 'Confirm your e-mail address first.', field: null }]),
    });
    renderWithQueryClient(<OrganizationRegistrationForm community="PROVIDER_SUPPLIER" onSubmitted={vi.fn()} />);

    await fillAndSubmit();

    expect(window.location.pathname).toBe('/confirm-email');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/ask?kind=organization');
  });
});
