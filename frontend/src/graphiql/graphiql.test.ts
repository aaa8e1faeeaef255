import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import schemaSource from '../../../schema.graphql?raw';
import { defaultQuery } from './default-query';
import { createFetcher, isSubscription, socketUrl } from './fetcher';

const schema = buildSchema(schemaSource);

function errorsOf(document: string): string[] {
  return validate(schema, parse(document)).map((error) => error.message);
}

describe('the starting document', () => {
  it('is valid against the schema, operations and the commented sign-in alike', () => {
    expect(errorsOf(defaultQuery)).toEqual([]);
    const operations = parse(defaultQuery).definitions.map((definition) =>
      'name' in definition ? definition.name?.value : undefined,
    );
    expect(operations).toEqual(['Me', 'MyApprovalQueue', 'FindOrganizations']);
    const signIn = defaultQuery
      .split('\n')
      .filter((line) => line.startsWith('#  '))
      .map((line) => line.slice(1))
      .join('\n');
    expect(signIn).toContain('mutation SignIn');
    expect(errorsOf(signIn)).toEqual([]);
  });
});

describe('the fetcher', () => {
  it('posts JSON to /graphql on this origin with the session cookie, keeping the header editor’s extras', async () => {
    const fetch = vi.fn<(url: string, init: RequestInit) => Promise<Response>>(() =>
      Promise.resolve(new Response('{"data":{"viewer":null}}', { status: 200 })),
    );
    vi.stubGlobal('fetch', fetch);

    const answer = await createFetcher('http://127.0.0.1:8000/graphql')(
      { query: '{ viewer { id } }', operationName: null },
      { headers: { 'X-Trace': 'abc', 'content-type': 'text/plain' } },
    );

    expect(answer).toEqual({ data: { viewer: null } });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toEqual({
      'X-Trace': 'abc',
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json;q=0.9',
    });
    expect(JSON.parse(init?.body as string)).toEqual({ query: '{ viewer { id } }' });
  });

  it('shows a body that is not JSON as an error, with the status', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('The request body is larger than 65536 bytes', { status: 413 })));
    const answer = await createFetcher('http://127.0.0.1:8000/graphql')({ query: '{ x }' });
    expect(answer).toEqual({ errors: [{ message: 'HTTP 413: The request body is larger than 65536 bytes' }] });
  });

  it('knows a subscription by the operation it runs', () => {
    const document = parse('query Q { viewer { id } } subscription S { approvalQueue { kind } }');
    expect(isSubscription(document, 'S')).toBe(true);
    expect(isSubscription(document, 'Q')).toBe(false);
    expect(isSubscription(document, null)).toBe(false); // two operations and no name: GraphiQL asks which
    expect(isSubscription(parse('subscription { approvalQueue { kind } }'), undefined)).toBe(true);
    expect(isSubscription(undefined, 'S')).toBe(false);
  });

  it('opens subscriptions on the same origin', () => {
    expect(socketUrl('http://127.0.0.1:8000/graphql')).toBe('ws://127.0.0.1:8000/graphql');
    expect(socketUrl('https://iacs.example.org/graphql?x=1')).toBe('wss://iacs.example.org/graphql');
  });
});
