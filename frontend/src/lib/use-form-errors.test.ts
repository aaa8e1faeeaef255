import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useFormErrors } from './use-form-errors';

const fields = ['name'] as const;
const formRef = { current: null };

describe('useFormErrors().submit', () => {
  it('shows payload errors by field and in the summary, and does not call onSuccess', async () => {
    const { result } = renderHook(() => useFormErrors(fields, formRef));
    const onSuccess = vi.fn();
    await act(() =>
      result.current.submit(
        () =>
          Promise.resolve({
            errors: [
              { code: 'INVALID_INPUT', message: 'Enter your name.', field: ['name'] },
              { code: 'RATE_LIMITED', message: 'Try again in a minute.' },
            ],
          }),
        onSuccess,
      ),
    );
    expect(onSuccess).not.toHaveBeenCalled();
    expect(result.current.byField).toEqual({ name: 'Enter your name.' });
    expect(result.current.general).toEqual([{ code: 'RATE_LIMITED', message: 'Try again in a minute.' }]);
  });

  it('clears what was shown and calls onSuccess with a payload without errors', async () => {
    const { result } = renderHook(() => useFormErrors(fields, formRef));
    act(() => {
      result.current.show([{ code: 'X', message: 'Old problem.' }]);
    });
    expect(result.current.general).toEqual([{ code: 'X', message: 'Old problem.' }]);
    const payload = { errors: [], id: 'made' };
    const onSuccess = vi.fn();
    await act(() => result.current.submit(() => Promise.resolve(payload), onSuccess));
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(payload);
    expect(result.current.general).toEqual([]);
    expect(result.current.byField).toEqual({});
  });

  it('shows a failure when the mutation or onSuccess throws', async () => {
    const { result } = renderHook(() => useFormErrors(fields, formRef));
    const failure = {
      code: 'REQUEST_FAILED',
      message: 'Something went wrong while contacting the server. Please try again.',
    };
    await act(() => result.current.submit(() => Promise.reject(new Error('offline')), vi.fn()));
    expect(result.current.general).toEqual([failure]);
    act(() => {
      result.current.clear();
    });
    expect(result.current.general).toEqual([]);
    await act(() =>
      result.current.submit(
        () => Promise.resolve({ errors: [] }),
        () => Promise.reject(new Error('refresh failed')),
      ),
    );
    expect(result.current.general).toEqual([failure]);
  });
});
