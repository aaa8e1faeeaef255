// The one way the SPA talks to the API: POST JSON to /graphql with the session cookie.
// Top-level `errors` throw (UNAUTHENTICATED also sends the person to sign-in); payload `errors`
// are ordinary data, returned to the caller to show next to their fields.
import type { TypedDocumentString } from '@/gql/graphql';
import { env } from './env';
import { navigate } from './router';
import { paths, signInPath } from './routes';

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: unknown };
}

export class GraphQLRequestError extends Error {
  readonly errors: readonly GraphQLErrorEntry[];
  readonly status: number;

  constructor(message: string, errors: readonly GraphQLErrorEntry[], status: number) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.status = status;
  }

  get codes(): string[] {
    return this.errors.flatMap((e) => (typeof e.extensions?.code === 'string' ? [e.extensions.code] : []));
  }
}

export class UnauthenticatedError extends GraphQLRequestError {
  constructor(errors: readonly GraphQLErrorEntry[], status: number) {
    super('You need to sign in.', errors, status);
    this.name = 'UnauthenticatedError';
  }
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: GraphQLErrorEntry[];
}

function isGraphQLResponse(body: unknown): body is GraphQLResponse<unknown> {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

/** Sends the person to sign-in, to come back to this page afterwards. */
export function sendToSignIn(): void {
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== paths.signIn) navigate(signInPath(here), { replace: true });
}

/**
 * The SPA's own documents are registered with the server at build time (persisted-documents.json):
 * they travel as `documentId` (their sha256), without their text. A document without a hash is sent
 * as `query`.
 */
export function requestBody<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables | undefined,
): { documentId: string; variables: TVariables | undefined } | { query: string; variables: TVariables | undefined } {
  const hash: unknown = document.__meta__?.hash;
  return typeof hash === 'string' && hash !== ''
    ? { documentId: hash, variables }
    : { query: document.toString(), variables };
}

export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  return post(document, variables);
}

async function post<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables | undefined,
): Promise<TResult> {
  const response = await fetch(env.graphqlUrl, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(requestBody(document, variables)),
  });

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError(`The server answered ${String(response.status)} without a GraphQL response.`, [], response.status);
  }
  if (!isGraphQLResponse(body)) {
    throw new GraphQLRequestError(`The server answered ${String(response.status)} without a GraphQL response.`, [], response.status);
  }

  const errors = body.errors ?? [];
  if (errors.length > 0) {
    if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      sendToSignIn();
      throw new UnauthenticatedError(errors, response.status);
    }
    throw new GraphQLRequestError(errors.map((e) => e.message).join(' '), errors, response.status);
  }
  if (!response.ok || body.data == null) {
    throw new GraphQLRequestError(`The server answered ${String(response.status)} without data.`, [], response.status);
  }
  return body.data as TResult;
}

/**
 * `viewer` is null when the session has ended between two pages: the person signs in again and
 * comes back, as with an UNAUTHENTICATED error.
 */
export function requireViewer<T>(viewer: T | null | undefined): T {
  if (viewer == null) {
    sendToSignIn();
    throw new UnauthenticatedError([], 200);
  }
  return viewer;
}

/**
 * The `mutationFn` of a mutation that takes one `input`: sends it and answers the payload of the
 * mutation's `field` (its `errors` included, for the form to show). With `toInput`, the function
 * takes what `toInput` makes the input of.
 */
export function sendInput<TResult, TInput, K extends keyof TResult>(
  document: TypedDocumentString<TResult, { input: TInput }>,
  field: K,
): (input: TInput) => Promise<TResult[K]>;
export function sendInput<TResult, TInput, K extends keyof TResult, TArgument>(
  document: TypedDocumentString<TResult, { input: TInput }>,
  field: K,
  toInput: (argument: TArgument) => TInput,
): (argument: TArgument) => Promise<TResult[K]>;
export function sendInput<TResult, TInput, K extends keyof TResult>(
  document: TypedDocumentString<TResult, { input: TInput }>,
  field: K,
  toInput: (argument: unknown) => TInput = (argument) => argument as TInput,
): (argument: unknown) => Promise<TResult[K]> {
  return async (argument) => (await post(document, { input: toInput(argument) }))[field];
}
