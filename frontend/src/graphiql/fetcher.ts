// GraphiQL's fetcher: every request goes to /graphql on this origin as the signed-in browser, i.e.
// with the session cookie. Queries and mutations are JSON POSTs (the server refuses other bodies);
// subscriptions use graphql-transport-ws on the same origin, which checks the same cookie.
import type { GraphiQL } from 'graphiql';
import { Kind, OperationTypeNode, type DocumentNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import type { ComponentProps } from 'react';

export type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];
type FetcherParams = Parameters<Fetcher>[0];
type FetcherOptions = NonNullable<Parameters<Fetcher>[1]>;

const endpoint = '/graphql';

/** Whether the operation GraphiQL runs (the named one, or the only one) is a subscription. */
export function isSubscription(documentAST: DocumentNode | undefined, operationName: string | null | undefined): boolean {
  if (documentAST === undefined) return false;
  const operations = documentAST.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const chosen =
    operationName != null && operationName !== ''
      ? operations.find((operation) => operation.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  return chosen?.operation === OperationTypeNode.SUBSCRIPTION;
}

/** ws://host/graphql (wss:// under https) on this page's origin. */
export function socketUrl(href: string): string {
  const url = new URL(endpoint, href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** Headers from GraphiQL's header editor, as strings; ours (JSON in and out) win over theirs. */
function requestHeaders(extra: FetcherOptions['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (value !== undefined && value !== null) headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  for (const name of Object.keys(headers)) {
    if (['content-type', 'accept'].includes(name.toLowerCase())) Reflect.deleteProperty(headers, name);
  }
  headers['Content-Type'] = 'application/json';
  headers.Accept = 'application/graphql-response+json, application/json;q=0.9';
  return headers;
}

async function post(params: FetcherParams, options: FetcherOptions | undefined): Promise<unknown> {
  const response = await fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: requestHeaders(options?.headers),
    body: JSON.stringify({
      query: params.query,
      variables: (params.variables as unknown) ?? undefined,
      operationName: params.operationName ?? undefined,
    }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not a GraphQL answer (a body too large, a proxy's error page): show what the server said.
    return { errors: [{ message: `HTTP ${String(response.status)}: ${text.slice(0, 500)}` }] };
  }
}

export function createFetcher(href: string): Fetcher {
  let socket: Client | null = null;
  const openSocket = (): Client => {
    socket ??= createClient({ url: socketUrl(href), lazy: true, retryAttempts: 0 });
    return socket;
  };
  // Answers are JSON (GraphQL's formatted results); GraphiQL's type names graphql-js's ExecutionResult,
  // which it only reads as JSON too: hence the casts.
  return (params, options) => {
    if (isSubscription(options?.documentAST, params.operationName)) {
      const events = openSocket().iterate({
        query: params.query,
        variables: (params.variables as Record<string, unknown> | null | undefined) ?? undefined,
        operationName: params.operationName ?? undefined,
      });
      return events as unknown as ReturnType<Fetcher>;
    }
    return post(params, options) as ReturnType<Fetcher>;
  };
}
