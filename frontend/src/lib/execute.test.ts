import { describe, expect, it } from 'vitest';
import { RevokeApiTokenDocument, SignInDocument, TypedDocumentString, ViewerDocument } from '@/gql/graphql';
import persistedDocuments from '@/gql/persisted-documents.json';
import { stubGraphQL } from '@/test/render';
import { execute, GraphQLRequestError, sendInput, UnauthenticatedError } from './execute';

describe('execute()', () => {
  it('posts the operation as JSON with the session cookie', async () => {
    const requests = stubGraphQL({ body: { data: { signIn: { viewer: null, errors: [] } } } });

    await execute(SignInDocument, { input: { login: 'a@example.org', password: 'secret' } });

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe('/graphql');
    expect(request?.init.method).toBe('POST');
    expect(request?.init.credentials).toBe('same-origin');
    expect(new Headers(request?.init.headers).get('content-type')).toBe('application/json');
    expect(request?.body.variables).toEqual({ input: { login: 'a@example.org', password: 'secret' } });
  });

  it('sends the SPA\'s own documents by their hash (documentId), without their text', async () => {
    const requests = stubGraphQL({ body: { data: { signIn: { viewer: null, errors: [] } } } });

    await execute(SignInDocument, { input: { login: 'a@example.org', password: 'secret' } });

    const body = requests[0]?.body;
    expect(Object.keys(body ?? {}).sort()).toEqual(['documentId', 'variables']);
    expect(body?.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(body?.documentId).toBe(SignInDocument.__meta__?.hash);
    // The hash names a document of the manifest the server loads: this very operation.
    const trusted: Record<string, string | undefined> = persistedDocuments;
    expect(trusted[body?.documentId ?? '']).toContain('mutation SignIn($input: SignInInput!)');
  });

  it('sends the text (query) of a document without a hash', async () => {
    const requests = stubGraphQL({ body: { data: { viewer: null } } });
    const adHoc = new TypedDocumentString<{ viewer: { id: string } | null }, Record<string, never>>(
      'query AdHoc { viewer { id } }',
    );

    await execute(adHoc);

    expect(requests[0]?.body.query).toBe('query AdHoc { viewer { id } }');
    expect(requests[0]?.body).not.toHaveProperty('documentId');
  });

  it('returns payload errors as data, for the form to show', async () => {
    const errors = [{ code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail, user ID or password.', field: null }];
    stubGraphQL({ body: { data: { signIn: { viewer: null, errors } } } });

    const result = await execute(SignInDocument, { input: { login: 'a@example.org', password: 'x' } });

    expect(result.signIn.errors).toEqual(errors);
  });

  it('sends the person to sign-in, with the page to come back to, on UNAUTHENTICATED', async () => {
    window.history.replaceState(null, '', '/some/page?tab=2');
    stubGraphQL({
      body: { data: null, errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] },
    });

    await expect(execute(ViewerDocument)).rejects.toBeInstanceOf(UnauthenticatedError);

    expect(window.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/some/page?tab=2');
  });

  it('throws other top-level errors without leaving the page', async () => {
    window.history.replaceState(null, '', '/');
    stubGraphQL({ status: 400, body: { errors: [{ message: 'Query is too deep.' }] } });

    const failure = execute(ViewerDocument);

    await expect(failure).rejects.toBeInstanceOf(GraphQLRequestError);
    await expect(failure).rejects.not.toBeInstanceOf(UnauthenticatedError);
    await expect(failure).rejects.toThrow('Query is too deep.');
    expect(window.location.pathname).toBe('/');
  });

  it('throws when the answer is not a GraphQL response', async () => {
    stubGraphQL({ status: 502, body: 'Bad gateway' });

    await expect(execute(ViewerDocument)).rejects.toThrow('The server answered 502 without a GraphQL response.');
  });
});

describe('sendInput()', () => {
  it('sends its argument as the input and answers the payload of the field', async () => {
    const errors = [{ code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail, user ID or password.', field: null }];
    const requests = stubGraphQL({ body: { data: { signIn: { viewer: null, errors } } } });

    const payload = await sendInput(SignInDocument, 'signIn')({ login: 'a@example.org', password: 'x' });

    expect(requests[0]?.body.variables).toEqual({ input: { login: 'a@example.org', password: 'x' } });
    expect(payload).toEqual({ viewer: null, errors });
  });

  it('makes the input of its argument with toInput', async () => {
    const requests = stubGraphQL({ body: { data: { revokeApiToken: { token: { id: 'T1' }, errors: [] } } } });

    const payload = await sendInput(RevokeApiTokenDocument, 'revokeApiToken', (id: string) => ({ id }))('T1');

    expect(requests[0]?.body.variables).toEqual({ input: { id: 'T1' } });
    expect(payload.token?.id).toBe('T1');
  });
});
