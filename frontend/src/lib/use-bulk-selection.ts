// The items a person ticks in a list to act on several at once (the approval queue, certification).
import { useState } from 'react';

export interface BulkSelection<T extends { id: string }> {
  /** The selected items among those shown, in the list's order. */
  chosen: T[];
  /** How many items are shown (the pages loaded so far). */
  shown: number;
  /** Every item shown is selected (none shown: false). */
  allSelected: boolean;
  isSelected: (id: string) => boolean;
  /** Ticks or unticks one item. */
  select: (id: string, selected: boolean) => void;
  /** Ticks every item shown, or unticks them all. */
  selectAll: (selected: boolean) => void;
  /** Unticks these items (decided, certified, ended): the others stay selected. */
  drop: (ids: Iterable<string>) => void;
  clear: () => void;
}

/**
 * A selection over `items` by id. An id stays selected while its item is not shown (a list read again
 * without it) but is not counted, nor acted on.
 */
export function useBulkSelection<T extends { id: string }>(items: readonly T[]): BulkSelection<T> {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = items.filter((item) => selected.has(item.id));
  return {
    chosen,
    shown: items.length,
    allSelected: items.length > 0 && chosen.length === items.length,
    isSelected: (id) => selected.has(id),
    select: (id, isSelected) => {
      setSelected((previous) => {
        const next = new Set(previous);
        if (isSelected) next.add(id);
        else next.delete(id);
        return next;
      });
    },
    selectAll: (all) => {
      setSelected(all ? new Set(items.map((item) => item.id)) : new Set());
    },
    drop: (ids) => {
      const gone = new Set(ids);
      setSelected((previous) => new Set([...previous].filter((id) => !gone.has(id))));
    },
    clear: () => {
      setSelected(new Set());
    },
  };
}
