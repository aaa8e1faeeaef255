import { useCallback, useState } from 'react';

/** What a TextField (or Dropdown) takes from its form: its name, its text, what changes the text, and its error. */
export interface TextFieldBinding<K extends string> {
  name: K;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  errorMessage: string | undefined;
}

export interface TextFields<K extends string> {
  /** The text of each field. */
  values: Record<K, string>;
  set: (key: K, value: string) => void;
  /** `<TextField label="…" {...text.field('name')} />`: the field named by its input path. */
  field: (key: K) => TextFieldBinding<K>;
}

/**
 * The texts of a form's text fields, each named by the input path the server names its errors by
 * (`byField`, from useFormErrors).
 */
export function useTextFields<K extends string>(
  initial: Record<K, string>,
  byField: Partial<Record<NoInfer<K>, string>>,
): TextFields<K> {
  const [values, setValues] = useState(initial);
  const set = useCallback((key: K, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
  }, []);
  const field = (key: K): TextFieldBinding<K> => ({
    name: key,
    value: values[key],
    onChange: (event) => {
      set(key, event.target.value);
    },
    errorMessage: byField[key],
  });
  return { values, set, field };
}
