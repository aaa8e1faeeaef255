import { Table, TableBody, TableCell, TableRow } from '@cmsgov/design-system';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TableHeadings } from './TableHeadings';

describe('TableHeadings', () => {
  it('renders one row of column headings with their ids, in order', () => {
    render(
      <Table>
        <TableHeadings
          columns={[
            ['tokens-name', 'Name'],
            ['tokens-actions', <span className="ds-u-visibility--screen-reader">Actions</span>],
          ]}
        />
        <TableBody>
          <TableRow>
            <TableCell headers="tokens-name">ci-deploy</TableCell>
            <TableCell headers="tokens-actions">Revoke</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    const headings = screen.getAllByRole('columnheader');
    expect(headings.map((heading) => [heading.id, heading.textContent])).toEqual([
      ['tokens-name', 'Name'],
      ['tokens-actions', 'Actions'],
    ]);
    expect(headings[0]?.closest('thead')).not.toBeNull();
    expect(screen.getByRole('cell', { name: 'ci-deploy' })).toHaveAttribute('headers', 'tokens-name');
  });
});
