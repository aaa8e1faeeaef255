import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useBulkSelection } from '@/lib/use-bulk-selection';
import { BulkActionBar } from './BulkActionBar';

interface Item {
  id: string;
  name: string;
}

const emma = { id: 'r-emma', name: 'Emma User' };
const bob = { id: 'r-bob', name: 'Bob Backup' };
const ugo = { id: 'r-ugo', name: 'Ugo Admin' };
const sally = { id: 'r-sally', name: 'Sally Official' };

/** A list as the queue and certification pages use the bar: a box per item, an action on the chosen ones. */
function List({ initial, onAct }: { initial: Item[]; onAct: (items: Item[]) => void }) {
  const [items, setItems] = useState(initial);
  const selection = useBulkSelection(items);
  return (
    <>
      <BulkActionBar
        label="Certify several at once"
        selection={selection}
        countTestId="count"
        summary={<p>Last attempt: none</p>}
        actions={
          <button type="button" disabled={selection.chosen.length === 0} onClick={() => {
            onAct(selection.chosen);
          }}>
            Act on selected ({selection.chosen.length})
          </button>
        }
      >
        <p>Below the line</p>
      </BulkActionBar>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={selection.isSelected(item.id)}
                onChange={(event) => {
                  selection.select(item.id, event.target.checked);
                }}
              />
              Select {item.name}
            </label>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          selection.drop(['r-bob', 'r-nobody']);
        }}
      >
        Bob decided
      </button>
      <button type="button" onClick={selection.clear}>
        Clear
      </button>
      <button
        type="button"
        onClick={() => {
          setItems((previous) => [...previous, sally]);
        }}
      >
        Load more
      </button>
      <button
        type="button"
        onClick={() => {
          setItems((previous) => previous.filter((item) => item.id !== emma.id));
        }}
      >
        Emma gone
      </button>
    </>
  );
}

const bar = () => screen.getByRole('region', { name: 'Certify several at once' });
const selectAll = () => within(bar()).getByRole('checkbox', { name: /^Select all \d+ shown$/ });
const count = () => screen.getByTestId('count');

describe('BulkActionBar with useBulkSelection', () => {
  it('shows the summary, the select-all box, the count and the actions on one line, and what is below', () => {
    render(<List initial={[emma, bob, ugo]} onAct={vi.fn()} />);

    expect(bar()).toHaveClass('iacs-bulk');
    expect(within(bar()).getByText('Last attempt: none')).toBeInTheDocument();
    expect(selectAll()).toHaveAccessibleName('Select all 3 shown');
    expect(selectAll()).not.toBeChecked();
    expect(count()).toHaveTextContent(/^0 selected$/);
    expect(count()).toHaveAttribute('aria-live', 'polite');
    expect(within(bar()).getByRole('button', { name: 'Act on selected (0)' })).toBeDisabled();
    expect(within(bar()).getByText('Below the line')).toBeInTheDocument();
  });

  it('selects every item shown, then none', async () => {
    const user = userEvent.setup();
    const onAct = vi.fn();
    render(<List initial={[emma, bob, ugo]} onAct={onAct} />);

    await user.click(selectAll());

    expect(selectAll()).toBeChecked();
    expect(count()).toHaveTextContent(/^3 selected$/);
    for (const name of ['Emma User', 'Bob Backup', 'Ugo Admin']) {
      expect(screen.getByRole('checkbox', { name: `Select ${name}` })).toBeChecked();
    }
    await user.click(screen.getByRole('button', { name: 'Act on selected (3)' }));
    expect(onAct).toHaveBeenCalledWith([emma, bob, ugo]);

    await user.click(selectAll());

    expect(selectAll()).not.toBeChecked();
    expect(count()).toHaveTextContent(/^0 selected$/);
    expect(screen.getByRole('checkbox', { name: 'Select Bob Backup' })).not.toBeChecked();
  });

  it('counts the items ticked one by one, in the list’s order, and is "all" only when every one is', async () => {
    const user = userEvent.setup();
    const onAct = vi.fn();
    render(<List initial={[emma, bob, ugo]} onAct={onAct} />);

    await user.click(screen.getByRole('checkbox', { name: 'Select Ugo Admin' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Emma User' }));

    expect(count()).toHaveTextContent(/^2 selected$/);
    expect(selectAll()).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Act on selected (2)' }));
    expect(onAct).toHaveBeenLastCalledWith([emma, ugo]);

    await user.click(screen.getByRole('checkbox', { name: 'Select Bob Backup' }));
    expect(selectAll()).toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: 'Select Emma User' }));
    expect(count()).toHaveTextContent(/^2 selected$/);
    expect(selectAll()).not.toBeChecked();
  });

  it('drops the items acted on and keeps the others; clear drops them all', async () => {
    const user = userEvent.setup();
    render(<List initial={[emma, bob, ugo]} onAct={vi.fn()} />);
    await user.click(selectAll());

    await user.click(screen.getByRole('button', { name: 'Bob decided' }));

    expect(count()).toHaveTextContent(/^2 selected$/);
    expect(screen.getByRole('checkbox', { name: 'Select Bob Backup' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Emma User' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Clear' }));

    expect(count()).toHaveTextContent(/^0 selected$/);
    expect(screen.getByRole('checkbox', { name: 'Select Emma User' })).not.toBeChecked();
  });

  it('follows the list: a page loaded more is not selected; an item no longer shown is not counted', async () => {
    const user = userEvent.setup();
    const onAct = vi.fn();
    render(<List initial={[emma, bob]} onAct={onAct} />);
    await user.click(selectAll());

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(selectAll()).toHaveAccessibleName('Select all 3 shown');
    expect(selectAll()).not.toBeChecked();
    expect(count()).toHaveTextContent(/^2 selected$/);

    await user.click(screen.getByRole('button', { name: 'Emma gone' }));

    expect(count()).toHaveTextContent(/^1 selected$/);
    await user.click(screen.getByRole('button', { name: 'Act on selected (1)' }));
    expect(onAct).toHaveBeenLastCalledWith([bob]);
  });
});
