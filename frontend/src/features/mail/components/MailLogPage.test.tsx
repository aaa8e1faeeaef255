import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, stubGraphQLOperations } from '@/test/render';
import { MailLogPage } from './MailLogPage';

describe('MailLogPage', () => {
  it('shows the newest notifications: subject, when sent, and the text', async () => {
    stubGraphQLOperations({
      MailLog: (variables) => {
        expect(variables).toEqual({ first: 50 });
        return {
          mailLog: [
            {
              to: 'sally@example.org',
              subject: 'IACS request R261128-AAAAAA is waiting for your decision',
              body: 'Hello Sally Official,\n\nBob Backup asks: backup security official.',
              template: 'request_submitted',
              createdAt: '2026-11-28T10:00:00+00:00',
              sentAt: '2026-11-28T10:00:05+00:00',
              attempts: 1,
              lastError: null,
            },
            {
              to: 'sally@example.org',
              subject: 'IACS request R261127-BBBBBB was approved',
              body: 'Hello Sally Official,\n\nYour request was approved.',
              template: 'request_approved',
              createdAt: '2026-11-27T10:00:00+00:00',
              sentAt: null,
              attempts: 2,
              lastError: 'connection refused',
            },
          ],
        };
      },
    });
    renderWithQueryClient(<MailLogPage />);
    const subjects = await screen.findAllByRole('heading', { level: 2 });
    expect(subjects.map((heading) => heading.textContent)).toEqual([
      'IACS request R261128-AAAAAA is waiting for your decision',
      'IACS request R261127-BBBBBB was approved',
    ]);
    expect(screen.getByText(/Bob Backup asks: backup security official\./)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Notifications, newest first' })).toHaveTextContent(/Sent Nov 28, 2026/);
    expect(screen.getByText(/last error: connection refused/)).toBeInTheDocument();
  });

  it('says the page is not available in production (mailLog is null there)', async () => {
    stubGraphQLOperations({ MailLog: () => ({ mailLog: null }) });
    renderWithQueryClient(<MailLogPage />);
    expect(await screen.findByRole('heading', { name: 'Not available in production' })).toBeInTheDocument();
  });
});
