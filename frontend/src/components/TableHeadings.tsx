import { TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

/**
 * A table's head: one row of column headings, each with the id its cells name in `headers`.
 * `columns` are `[id, heading]` pairs, in order.
 */
export function TableHeadings({ columns }: { columns: readonly (readonly [id: string, heading: ReactNode])[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map(([id, heading]) => (
          <TableCell key={id} component="th" id={id}>
            {heading}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}
