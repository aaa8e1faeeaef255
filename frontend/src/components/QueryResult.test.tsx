import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QueryResult } from './QueryResult';

function read<T>(state: Partial<{ isPending: boolean; isError: boolean; error: unknown; data: T }>) {
  return { isPending: false, isError: false, error: null, data: undefined, refetch: vi.fn(() => Promise.resolve()), ...state };
}

describe('QueryResult', () => {
  it('shows the loading label while the read is pending', () => {
    render(
      <QueryResult query={read<string>({ isPending: true })} loading="Loading the things…" what="the things">
        {(data) => <p>{data}</p>}
      </QueryResult>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading the things…');
  });

  it('says what could not be loaded and reads again on Try again', async () => {
    const user = userEvent.setup();
    const query = read<string>({ isError: true, error: new Error('offline') });
    render(
      <QueryResult query={query} loading="Loading the things…" what="the things">
        {(data) => <p>{data}</p>}
      </QueryResult>,
    );
    expect(screen.getByRole('heading', { name: 'We could not load the things' })).toBeInTheDocument();
    expect(screen.getByText('Please check your connection and try again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(query.refetch).toHaveBeenCalledTimes(1);
  });

  it('gives the data to its children, null included (a read that found nothing is not a failure)', () => {
    const { rerender } = render(
      <QueryResult query={read<string | null>({ data: 'three things' })} loading="Loading…" what="the things">
        {(data) => <p>{data ?? 'nothing'}</p>}
      </QueryResult>,
    );
    expect(screen.getByText('three things')).toBeInTheDocument();
    rerender(
      <QueryResult query={read<string | null>({ data: null })} loading="Loading…" what="the things">
        {(data) => <p>{data ?? 'nothing'}</p>}
      </QueryResult>,
    );
    expect(screen.getByText('nothing')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
