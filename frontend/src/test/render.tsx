import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { createQueryClient } from '../lib/query-client';

export function renderWithQueryClient(ui: ReactElement): RenderResult {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>);
}

export interface RecordedRequest {
  url: string;
  init: RequestInit;
  body: { query: string; variables?: Record<string, unknown> };
}

/** Replaces fetch with canned GraphQL responses (one per call, in order) and records the requests. */
export function stubGraphQL(...responses: { status?: number; body: unknown }[]): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const queue = [...responses];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit) => {
      const text = typeof init.body === 'string' ? init.body : '';
      requests.push({ url, init, body: JSON.parse(text) as RecordedRequest['body'] });
      const next = queue.shift();
      if (next === undefined) return Promise.reject(new Error(`unexpected request ${text}`));
      return Promise.resolve(
        new Response(JSON.stringify(next.body), {
          status: next.status ?? 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  return requests;
}

type OperationHandler = (variables: Record<string, unknown>) => unknown;

/**
 * Replaces fetch with a GraphQL server that answers each operation by its name (`query Foo`,
 * `mutation Bar`), so that the order of concurrent requests does not matter. A handler returns the
 * response's `data`. Records every request.
 */
export function stubGraphQLOperations(handlers: Record<string, OperationHandler>): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit) => {
      const text = typeof init.body === 'string' ? init.body : '';
      const body = JSON.parse(text) as RecordedRequest['body'];
      requests.push({ url, init, body });
      const name = /\b(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
      const handler = handlers[name];
      if (handler === undefined) return Promise.reject(new Error(`unexpected operation ${name}`));
      return Promise.resolve(
        new Response(JSON.stringify({ data: handler(body.variables ?? {}) }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
      );
    }),
  );
  return requests;
}

/** The requests made for one operation, in order. */
export function requestsFor(requests: readonly RecordedRequest[], operation: string): RecordedRequest[] {
  return requests.filter((request) => new RegExp(`\\b(?:query|mutation)\\s+${operation}\\b`).test(request.body.query));
}
