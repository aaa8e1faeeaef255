import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ExplanationDialog } from './ExplanationDialog';

describe('ExplanationDialog', () => {
  it('shows its heading and content when open, and closes with Close', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const { rerender } = render(
      <ExplanationDialog isOpen heading="Why you have this role" onClose={onClose}>
        <p>Approved by Sally Official.</p>
      </ExplanationDialog>,
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Why you have this role');
    expect(dialog).toHaveTextContent('Approved by Sally Official.');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    rerender(
      <ExplanationDialog isOpen={false} heading="Why you have this role" onClose={onClose}>
        <p>Approved by Sally Official.</p>
      </ExplanationDialog>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
