import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SearchBox } from './SearchBox';

describe('SearchBox', () => {
  it('searches with the trimmed text on Enter or the button, without submitting the form around it', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    const onSubmit = vi.fn((event: { preventDefault: () => void }) => {
      event.preventDefault();
    });
    render(
      <form onSubmit={onSubmit}>
        <SearchBox label="Search companies" hint="At least 2 letters" name="companySearch" onSearch={onSearch} />
      </form>,
    );
    const field = screen.getByRole('searchbox', { name: /Search companies/ });
    expect(field).toHaveAttribute('name', 'companySearch');
    await user.type(field, '  Acme  {Enter}');
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenLastCalledWith('Acme');
    await user.clear(field);
    await user.type(field, 'Bolt ');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledTimes(2);
    expect(onSearch).toHaveBeenLastCalledWith('Bolt');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
