import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LoadMore } from './LoadMore';

describe('LoadMore', () => {
  it('says how many are shown and loads the next page of the query', async () => {
    const user = userEvent.setup();
    const fetchNextPage = vi.fn(() => Promise.resolve());
    const { rerender } = render(
      <LoadMore shown={50} total={120} query={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} noun="roles" />,
    );
    expect(screen.getByText('Showing 50 of 120 roles')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
    rerender(<LoadMore shown={50} total={120} query={{ hasNextPage: true, isFetchingNextPage: true, fetchNextPage }} noun="roles" />);
    expect(screen.getByRole('button', { name: 'Loading…' })).toBeDisabled();
    rerender(<LoadMore shown={120} total={120} query={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage }} noun="roles" />);
    expect(screen.getByText('Showing 120 of 120 roles')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
