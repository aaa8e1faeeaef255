import type { ChangeEvent } from 'react';

/**
 * The change handler of a text field whose state is its text: `onChange={inputValue(setName)}`
 * stands for `onChange={(event) => { setName(event.target.value); }}`.
 */
export function inputValue(
  set: (value: string) => void,
): (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void {
  return (event) => {
    set(event.target.value);
  };
}
