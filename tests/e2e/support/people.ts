// The people of the end-to-end stories, valid identifiers for their organizations, and the quick way
// to give a secondary person an account (the GraphQL API, from the person's own browser context, so
// that the browser holds the session afterwards).
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Mailbox } from './mailbox';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function newPerson(name: string): Person {
  const tag = randomBytes(4).toString('hex');
  const local = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return { name, email: `${local}.${tag}@example.org`, password: `Quartz-${tag}-Lantern-Orbit` };
}

function luhnSum(digits: string): number {
  let total = 0;
  for (let index = 0; index < digits.length; index += 1) {
    // Counting from the rightmost digit, which is doubled.
    let value = Number(digits.charAt(digits.length - 1 - index));
    if (index % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    total += value;
  }
  return total;
}

/** R6: a 10-digit NPI whose last digit is the Luhn check over 80840 + the first nine. */
export function validNpi(seed: number): string {
  const firstNine = `1${String(seed).padStart(8, '0')}`;
  return firstNine + String((10 - (luhnSum(`80840${firstNine}`) % 10)) % 10);
}

export function tinFor(seed: number): string {
  return String(seed).padStart(9, '0');
}

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string }[];
}

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as GraphQLBody<T>;
  if (body.data === undefined || (body.errors ?? []).length > 0) {
    throw new Error(`GraphQL failed: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

interface Payload {
  errors: { code: string; message: string }[];
}

function expectNoErrors(what: string, payload: Payload): void {
  if (payload.errors.length > 0) throw new Error(`${what}: ${JSON.stringify(payload.errors)}`);
}

/**
 * Secondary people sign up through the API (to save time; the primary person of the story signs up
 * through the UI): registerAccount, then verifyEmail with the code from the captured mail. `request`
 * is the person's browser context's, so that its pages are signed in afterwards.
 */
export async function signUpThroughApi(
  request: APIRequestContext,
  mailbox: Mailbox,
  person: Person,
  community: 'PROVIDER_SUPPLIER' | 'FI_CARRIER_MAC' = 'PROVIDER_SUPPLIER', // R2: chosen once, at registration
): Promise<void> {
  const since = Date.now() - 1_000;
  const registered = await graphql<{ registerAccount: Payload }>(
    request,
    `mutation ($input: RegisterAccountInput!) { registerAccount(input: $input) { errors { code message } } }`,
    {
      input: {
        email: person.email,
        name: person.name,
        password: person.password,
        community,
        acceptTerms: true,
      },
    },
  );
  expectNoErrors('registerAccount', registered.registerAccount);
  const code = await mailbox.waitForCode(person.email, { since });
  const verified = await graphql<{ verifyEmail: Payload }>(
    request,
    `mutation ($input: VerifyEmailInput!) { verifyEmail(input: $input) { errors { code message } } }`,
    { input: { code } },
  );
  expectNoErrors('verifyEmail', verified.verifyEmail);
}

/** R4: five wrong passwords in a row lock the account for 15 minutes. */
export async function lockAccount(request: APIRequestContext, email: string): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const answer = await graphql<{ signIn: Payload }>(
      request,
      `mutation ($input: SignInInput!) { signIn(input: $input) { errors { code message } } }`,
      { input: { login: email, password: `wrong-password-${String(attempt)}-xyz` } },
    );
    last = answer.signIn.errors[0]?.code ?? '';
  }
  return last;
}
