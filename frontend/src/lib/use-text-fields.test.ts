import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTextFields } from './use-text-fields';

describe('useTextFields', () => {
  it('gives each field its name, text, change handler and error, and keeps what is typed', () => {
    const byField = { name: 'Enter your name.' };
    const { result } = renderHook(() => useTextFields({ name: '', phone: '555' }, byField));

    expect(result.current.field('phone')).toMatchObject({ name: 'phone', value: '555', errorMessage: undefined });
    expect(result.current.field('name')).toMatchObject({ name: 'name', value: '', errorMessage: 'Enter your name.' });

    act(() => {
      result.current.field('name').onChange({ target: { value: 'Pat' } });
    });
    expect(result.current.values).toEqual({ name: 'Pat', phone: '555' });

    act(() => {
      result.current.set('phone', '');
    });
    expect(result.current.values).toEqual({ name: 'Pat', phone: '' });
  });
});
