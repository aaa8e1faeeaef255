import { Button, TextField } from '@cmsgov/design-system';
import { useState, type KeyboardEvent } from 'react';
import { inputValue } from '@/lib/input';

/**
 * A search field and its "Search" button inside a request form: Enter or the button searches
 * (with the trimmed text) without submitting the form.
 */
export function SearchBox({
  label,
  hint,
  name,
  onSearch,
}: {
  label: string;
  hint: string;
  name: string;
  onSearch: (term: string) => void;
}) {
  const [text, setText] = useState('');

  function runSearch() {
    onSearch(text.trim());
  }

  return (
    <div className="ds-u-display--flex ds-u-align-items--end ds-u-flex-wrap--wrap iacs-actions">
      <TextField
        label={label}
        hint={hint}
        name={name}
        type="search"
        value={text}
        onChange={inputValue(setText)}
        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            runSearch();
          }
        }}
      />
      <Button type="button" onClick={runSearch}>
        Search
      </Button>
    </div>
  );
}
