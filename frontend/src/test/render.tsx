import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import persistedDocuments from '@/gql/persisted-documents.json';
import { createQueryClient } from '@/lib/query-client';

export function renderWithQueryClient(ui: ReactElement): RenderResult {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false }, mutations: { retry: false } });
  return render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>);
}

export interface RecordedRequest {
  url: string;
  init: RequestInit;
  /** What was posted: `documentId` for the SPA's own (trusted) documents, `query` otherwise. */
  body: { query?: string; documentId?: string; variables?: Record<string, unknown> };
  /** The document's text: the `query` sent, or the trusted document its `documentId` names. */
  document: string;
}

const trustedDocuments: Record<string, string | undefined> = persistedDocuments;

function record(url: string, init: RequestInit): RecordedRequest {
  const text = typeof init.body === 'string' ? init.body : '';
  const body = JSON.parse(text) as RecordedRequest['body'];
  const document = body.query ?? (body.documentId === undefined ? undefined : trustedDocuments[body.documentId]);
  if (document === undefined) throw new Error(`unknown document in request ${text}`);
  return { url, init, body, document };
}

/** Replaces fetch with canned GraphQL responses (one per call, in order) and records the requests. */
export function stubGraphQL(...responses: { status?: number; body: unknown }[]): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const queue = [...responses];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init: RequestInit) => {
      const request = record(url, init);
      requests.push(request);
      const next = queue.shift();
      if (next === undefined) return Promise.reject(new Error(`unexpected request ${request.document}`));
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
      const request = record(url, init);
      requests.push(request);
      const name = /\b(?:query|mutation)\s+(\w+)/.exec(request.document)?.[1] ?? '';
      const handler = handlers[name];
      if (handler === undefined) return Promise.reject(new Error(`unexpected operation ${name}`));
      return Promise.resolve(
        new Response(JSON.stringify({ data: handler(request.body.variables ?? {}) }), {
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
  return requests.filter((request) => new RegExp(`\\b(?:query|mutation)\\s+${operation}\\b`).test(request.document));
}
