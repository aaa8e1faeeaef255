import { describe, expect, it } from 'vitest';
import { submittedItemOf } from './user-errors';

describe('submittedItemOf', () => {
  const submitted = ['a', 'b', 'c'];
  const error = (field: string[] | null) => ({ code: 'INVALID_INPUT', message: 'No.', field });

  it('finds the item an error names by its index in the list', () => {
    expect(submittedItemOf(error(['requestIds', '2']), 'requestIds', submitted)).toBe('c');
  });

  it('finds nothing for another list, a deeper path, an index out of range or no field', () => {
    expect(submittedItemOf(error(['organizationIds', '0']), 'requestIds', submitted)).toBeUndefined();
    expect(submittedItemOf(error(['requestIds', '0', 'reason']), 'requestIds', submitted)).toBeUndefined();
    expect(submittedItemOf(error(['requestIds', '3']), 'requestIds', submitted)).toBeUndefined();
    expect(submittedItemOf(error(['requestIds', 'x']), 'requestIds', submitted)).toBeUndefined();
    expect(submittedItemOf(error(['requestIds']), 'requestIds', submitted)).toBeUndefined();
    expect(submittedItemOf(error(null), 'requestIds', submitted)).toBeUndefined();
  });
});
