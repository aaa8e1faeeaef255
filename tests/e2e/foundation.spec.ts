// Foundation acceptance: a person registers, confirms the e-mail with the code from a real mail,
// signs out and in again and sees the empty "My roles" page; axe finds nothing on any page.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const emptyRolesText = 'You have no roles yet';

function newPerson() {
  const tag = randomBytes(5).toString('hex');
  return {
    email: `e2e-${tag}@example.org`,
    name: 'Robin Tester',
    password: `Quartz-${tag}-Lantern-Orbit`,
  };
}

async function expectPage(page: Page, path: string, heading: string) {
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
}

async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel('E-mail address or user ID').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('sign up, confirm the e-mail, sign out, sign in, and see no roles yet', async ({ page, mailbox, expectAccessible }) => {
  const person = newPerson();

  // Sign up (R1-R4)
  await page.goto('/sign-up');
  await expectPage(page, '/sign-up', 'Create an account');
  await expectAccessible(page, '/sign-up');
  await page.getByLabel('Work e-mail address').fill(person.email);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel(/^Password/).fill(person.password);
  await expect(page.getByRole('radio', { name: /Provider \/ supplier/ })).toBeChecked();
  await page.getByLabel('I have read and accept the rules of behavior').check();
  const registeredAt = Date.now() - 1_000;
  await page.getByRole('button', { name: 'Create account' }).click();

  // Confirm the e-mail address with the code from the mail (R3)
  await expectPage(page, '/confirm-email', 'Confirm your e-mail address');
  // After a navigation inside the app, focus is on the new page's heading.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByText(person.email)).toBeVisible();
  await expectAccessible(page, '/confirm-email');
  const code = await mailbox.waitForCode(person.email, { since: registeredAt });
  await page.getByLabel('Confirmation code').fill(code);
  await page.getByRole('button', { name: 'Confirm e-mail address' }).click();

  // My roles, empty, and no "confirm your e-mail" banner any more
  await expectPage(page, '/', 'My roles');
  await expect(page.getByRole('heading', { name: emptyRolesText, exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  const account = page.getByRole('navigation', { name: 'Account' });
  await expect(account).toContainText(person.name);
  await expect(account).toContainText(/User ID \S+/);
  await expectAccessible(page, '/ (My roles, after confirming)');

  // Sign out
  await account.getByRole('button', { name: 'Sign out' }).click();
  await expectPage(page, '/sign-in', 'Sign in');
  await expect(page.getByRole('navigation', { name: 'Account' })).not.toContainText(person.name);
  await expectAccessible(page, '/sign-in');

  // A protected page now sends to sign-in, with the way back
  await page.goto('/');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/');

  // Sign in by e-mail
  await signIn(page, person.email, person.password);
  await expectPage(page, '/', 'My roles');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { name: emptyRolesText, exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(person.name);
  await expectAccessible(page, '/ (My roles, after signing in)');
});

test('an unknown account gets the same answer as a wrong password (R4)', async ({ page, request, expectAccessible }) => {
  const person = newPerson();
  const registered = await request.post('/graphql', {
    data: {
      query: `mutation ($input: RegisterAccountInput!) {
        registerAccount(input: $input) { viewer { userId } errors { code message field } }
      }`,
      variables: {
        input: {
          email: person.email,
          name: person.name,
          password: person.password,
          community: 'PROVIDER_SUPPLIER',
          acceptTerms: true,
        },
      },
    },
  });
  expect(registered.status()).toBe(200);
  const body = (await registered.json()) as {
    data: { registerAccount: { viewer: { userId: string } | null; errors: unknown[] } };
  };
  expect(body.data.registerAccount.errors).toEqual([]);
  const userId = body.data.registerAccount.viewer?.userId ?? '';
  expect(userId).not.toBe('');

  async function answerTo(login: string, password: string): Promise<string> {
    await page.goto('/sign-in');
    await expectPage(page, '/sign-in', 'Sign in');
    await signIn(page, login, password);
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    await expect(alert).toBeFocused();
    await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
    return (await alert.innerText()).trim();
  }

  const wrongPassword = await answerTo(person.email, `${person.password}-wrong`);
  await expectAccessible(page, '/sign-in with an error');
  const unknownAccount = await answerTo(`nobody-${randomBytes(5).toString('hex')}@example.org`, person.password);

  expect(wrongPassword).toContain('We could not sign you in');
  expect(unknownAccount).toBe(wrongPassword);

  // The right password with the user ID works; the e-mail is not confirmed yet, so My roles says so.
  await signIn(page, userId, person.password);
  await expectPage(page, '/', 'My roles');
  const banner = page.getByRole('alert').filter({ hasText: 'Confirm your e-mail address' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Enter your code' })).toHaveAttribute('href', '/confirm-email');
  await expectAccessible(page, '/ (My roles, e-mail not confirmed)');
});
