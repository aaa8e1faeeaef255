import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { CmsSwitches } from './CmsSwitches';

const dmeposReason = 'Registration of DMEPOS suppliers is closed by CMS for now.';
const hospiceReason = 'Hospice registration waits for the new rules.';

function settings(hospiceOpen: boolean) {
  return {
    providerTypeSettings: [
      { providerType: 'HOSPITAL', open: true, reason: null },
      { providerType: 'HOSPICE', open: hospiceOpen, reason: hospiceOpen ? null : hospiceReason },
      { providerType: 'DMEPOS_SUPPLIER', open: false, reason: dmeposReason },
    ],
  };
}

describe('CmsSwitches', () => {
  it('closes a provider type only with a reason, shown next to the field when missing (R42)', async () => {
    const user = userEvent.setup();
    let hospiceOpen = true;
    const requests = stubGraphQLOperations({
      ProviderTypeSettings: () => settings(hospiceOpen),
      CmsApplications: () => ({ applications: [] }),
      SetProviderTypeOpen: (variables) => {
        const input = variables.input as { reason: string };
        if (input.reason.trim() === '') {
          return {
            setProviderTypeOpen: {
              setting: null,
              errors: [{ code: 'INVALID_INPUT', message: 'Reason is required.', field: ['reason'] }],
            },
          };
        }
        hospiceOpen = false;
        return {
          setProviderTypeOpen: { setting: { providerType: 'HOSPICE', open: false, reason: input.reason }, errors: [] },
        };
      },
    });
    renderWithQueryClient(<CmsSwitches />);

    const table = await screen.findByRole('table', { name: 'Provider types and their registration' });
    expect(within(table).getByRole('row', { name: /DMEPOS supplier/ })).toHaveTextContent(dmeposReason);
    expect(await screen.findByText('No application is published yet. Publish the first one below.')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Close registration of Hospice' }));
    const reason = screen.getByLabelText(/Reason people will see/);
    expect(reason).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Close registration' }));
    expect(await screen.findByText('Reason is required.')).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');

    await user.type(reason, hospiceReason);
    await user.click(screen.getByRole('button', { name: 'Close registration' }));
    expect(await screen.findByRole('heading', { name: 'Closed' })).toBeInTheDocument();
    expect(requestsFor(requests, 'SetProviderTypeOpen').map((r) => r.body.variables)).toEqual([
      { input: { providerType: 'HOSPICE', open: false, reason: '' } },
      { input: { providerType: 'HOSPICE', open: false, reason: hospiceReason } },
    ]);
    expect(await within(table).findByRole('button', { name: 'Open registration of Hospice' })).toBeInTheDocument();
  });

  it('opens a closed application and says so, or says why it was not opened (R23, R42)', async () => {
    const user = userEvent.setup();
    const requests = stubGraphQLOperations({
      ProviderTypeSettings: () => settings(true),
      CmsApplications: () => ({
        applications: [
          { id: 'QXBwOjE=', code: 'PECOS', name: 'PECOS', description: 'Enrollment', open: false, closedReason: 'Upgrading.' },
          { id: 'QXBwOjI=', code: 'MCS', name: 'MCS', description: null, open: false, closedReason: 'Audit.' },
        ],
      }),
      SetApplicationOpen: (variables) => {
        const input = variables.input as { applicationId: string };
        return input.applicationId === 'QXBwOjE='
          ? { setApplicationOpen: { application: { id: 'QXBwOjE=', name: 'PECOS', open: true, closedReason: null }, errors: [] } }
          : {
              setApplicationOpen: {
                application: null,
                errors: [{ code: 'NOT_ALLOWED', message: 'Only the help desk may do this.', field: null }],
              },
            };
      },
    });
    renderWithQueryClient(<CmsSwitches />);

    const table = await screen.findByRole('table', { name: 'CMS applications and whether they take requests' });
    const pecos = within(table).getByRole('row', { name: /PECOS/ });
    expect(pecos).toHaveTextContent('Enrollment');
    expect(within(pecos).getByText('Upgrading.')).toHaveAttribute('headers', 'apps-reason');
    expect(within(pecos).getByText('Closed')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Open PECOS' }));
    expect(await screen.findByRole('heading', { name: 'Opened' })).toBeInTheDocument();
    expect(screen.getByText('PECOS takes requests again.')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Open MCS' }));
    expect(await screen.findByRole('heading', { name: 'The application was not opened' })).toBeInTheDocument();
    expect(screen.getByText('Only the help desk may do this.')).toBeInTheDocument();
    expect(requestsFor(requests, 'SetApplicationOpen').map((r) => r.body.variables)).toEqual([
      { input: { applicationId: 'QXBwOjE=', open: true } },
      { input: { applicationId: 'QXBwOjI=', open: true } },
    ]);
  });

  it('says when the provider types cannot be loaded, and offers to try again', async () => {
    stubGraphQLOperations({ CmsApplications: () => ({ applications: [] }) });
    renderWithQueryClient(<CmsSwitches />);
    expect(await screen.findByRole('heading', { name: 'We could not load the provider types' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Try again' })).toHaveLength(1);
  });
});
