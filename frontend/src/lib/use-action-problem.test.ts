import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { unreachableProblem, useActionProblem } from './use-action-problem';

describe('useActionProblem', () => {
  it('keeps the payload messages, the unreachable text on a throw, and clears on the next success', async () => {
    const { result } = renderHook(() => useActionProblem());
    expect(result.current.problem).toBeNull();
    await act(() =>
      result.current.run(() => Promise.resolve({ errors: [{ message: 'Already revoked.' }, { message: 'Try later.' }] })),
    );
    expect(result.current.problem).toBe('Already revoked. Try later.');
    await act(() => result.current.run(() => Promise.reject(new Error('offline'))));
    expect(result.current.problem).toBe(unreachableProblem);
    expect(unreachableProblem).toBe('Something went wrong while contacting the server. Please try again.');
    await act(() => result.current.run(() => Promise.resolve({ errors: [] })));
    expect(result.current.problem).toBeNull();
  });
});
