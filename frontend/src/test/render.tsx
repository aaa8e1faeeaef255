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
