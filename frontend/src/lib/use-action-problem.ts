import { useCallback, useState } from 'react';

/** What a row's action (revoke, delete, send again…) shows when the server cannot be reached. */
export const unreachableProblem = 'Something went wrong while contacting the server. Please try again.';

/**
 * The problem of the last action taken from a list: `run` clears it, runs the action, and keeps
 * the messages of its payload errors (joined) or, when it throws, `unreachableProblem`.
 */
export function useActionProblem(): {
  problem: string | null;
  run: (action: () => Promise<{ errors: readonly { message: string }[] }>) => Promise<void>;
} {
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<{ errors: readonly { message: string }[] }>) => {
    setProblem(null);
    try {
      const payload = await action();
      if (payload.errors.length > 0) setProblem(payload.errors.map((error) => error.message).join(' '));
    } catch {
      setProblem(unreachableProblem);
    }
  }, []);
  return { problem, run };
}
