import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageHeadingId } from '@/components/PageHeading';
import { navigate } from '@/lib/router';
import { renderWithQueryClient, stubGraphQLOperations } from '@/test/render';
import { signedInViewer } from '@/test/viewer';
import { AppRoutes } from './AppRoutes';

// The mail log's code never arrives: the page stays in its loading state for the whole test.
vi.mock('@/features/mail/components/MailLogPage', () => new Promise(() => undefined));

const viewer = signedInViewer();

afterEach(() => {
  vi.unstubAllGlobals();
  navigate('/');
});

describe('AppRoutes', () => {
  it('keeps the page title as its one h1 while the page’s code loads, leaving the focus to the page’s own heading', async () => {
    const requests = stubGraphQLOperations({ Viewer: () => ({ viewer }) });
    navigate('/mail');
    renderWithQueryClient(<AppRoutes />);

    // First the shell waits for the viewer (its heading is the page's), then for the page's code.
    await waitFor(() => {
      expect(requests.map((request) => request.body.documentId === undefined)).toEqual([false]);
      expect(screen.getByRole('heading', { level: 1 })).not.toHaveAttribute('id', pageHeadingId);
    });
    const headings = screen.getAllByRole('heading', { level: 1 });
    expect(headings.map((heading) => heading.textContent)).toEqual(['Mail log']);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });
});
