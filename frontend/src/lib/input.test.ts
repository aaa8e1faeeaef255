import type { ChangeEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { inputValue } from './input';

describe('inputValue', () => {
  it('passes the text of the changed field to the setter', () => {
    const seen: string[] = [];
    const handler = inputValue((value) => seen.push(value));
    handler({ target: { value: 'Ada Lovelace' } } as ChangeEvent<HTMLInputElement>);
    handler({ target: { value: '' } } as ChangeEvent<HTMLTextAreaElement>);
    expect(seen).toEqual(['Ada Lovelace', '']);
  });
});
