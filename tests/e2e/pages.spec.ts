// What a newcomer sees: every page of the SPA (frontend/src/lib/routes.ts), on a server of its own loaded with
// the demo world of `make run` (`iacs seed-demo`) and without a mail server, as the demo's people see it; each
// at 1280 and at 390 px wide, each checked by axe at both widths, with nothing wider than the screen at 390 px,
// and photographed into test-results/screenshots/pages/ (<page>-1280.png, <page>-390.png).
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { routes, type RouteName } from '../../frontend/src/lib/routes';
import { test } from './fixtures';
import { createTestDatabase, dropTestDatabase, seedDemo, startBackend, type Backend } from './support/backend';
import { resultsDir, screenshotsDir, spaDist } from './support/paths';
import { newPerson } from './support/people';

/** backend/iacs/demo.py: every demo person's password (printed by `make run`). */
const demoPassword = 'iacs-demo-only-2026';
const widths = [1280, 390] as const;
const pagesDir = join(screenshotsDir, 'pages');

let demo: Backend | undefined;
let databaseName = '';

test.beforeAll(async () => {
  databaseName = `iacs_e2e_demo_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createTestDatabase(databaseName);
  await seedDemo(databaseUrl);
  demo = await startBackend({ databaseUrl, staticDir: spaDist, logFile: join(resultsDir, 'demo-backend.log') });
  await mkdir(pagesDir, { recursive: true });
});

test.afterAll(async () => {
  await demo?.stop();
  if (databaseName !== '') await dropTestDatabase(databaseName);
});

function demoUrl(): string {
  if (demo === undefined) throw new Error('the demo server did not start');
  return demo.url;
}

test('every page at 1280 and 390 px, as the demo people see it, checked by axe', async ({ openBrowser, expectAccessible }) => {
  test.setTimeout(240_000);
  const seen = new Set<RouteName>();

  /** One browser per person, signed in (or not) through the API; the pages are looked at in the UI. */
  async function browserOf(key: string | null): Promise<Page> {
    const { page } = await openBrowser(key ?? 'a visitor', { baseURL: demoUrl() });
    if (key !== null) {
      const answer = await page.request.post('/graphql', {
        data: {
          query: 'mutation ($input: SignInInput!) { signIn(input: $input) { errors { code } } }',
          variables: { input: { login: `${key}@demo.iacs.test`, password: demoPassword } },
        },
      });
      expect(await answer.json(), `sign-in of ${key}`).toEqual({ data: { signIn: { errors: [] } } });
    }
    return page;
  }

  /**
   * The page as it is now, at both widths: its heading, then `ready` (what the page shows once loaded), axe, no
   * sideways scrolling of the whole page at 390 px, and a full-page screenshot each.
   */
  async function look(page: Page, route: RouteName, heading: string | RegExp, ready: (page: Page) => Promise<void>) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await ready(page);
      await expectAccessible(page, `${route} at ${String(width)} px`);
      const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(wider, `${route} at ${String(width)} px scrolls sideways by`).toBe(0);
      await page.screenshot({ path: join(pagesDir, `${route}-${String(width)}.png`), fullPage: true });
    }
    seen.add(route);
  }

  await test.step('a visitor: sign in and create an account', async () => {
    const visitor = await browserOf(null);
    await visitor.goto('/sign-in');
    await look(visitor, 'signIn', 'Sign in', async (page) => {
      await expect(page.getByLabel('E-mail address or user ID')).toBeVisible();
    });
    await visitor.goto('/sign-up');
    await look(visitor, 'signUp', 'Create an account', async (page) => {
      await expect(page.getByLabel('Work e-mail address')).toBeVisible();
    });
  });

  await test.step('a newcomer who just signed up: where the code went (no mail server: the mail log and the server output)', async () => {
    const newcomer = await browserOf(null);
    const person = newPerson('Nell Newcomer');
    const registered = await newcomer.request.post('/graphql', {
      data: {
        query: 'mutation ($input: RegisterAccountInput!) { registerAccount(input: $input) { errors { code } } }',
        variables: {
          input: { email: person.email, name: person.name, password: person.password, community: 'PROVIDER_SUPPLIER', acceptTerms: true },
        },
      },
    });
    expect(await registered.json()).toEqual({ data: { registerAccount: { errors: [] } } });
    await newcomer.goto('/confirm-email');
    await look(newcomer, 'confirmEmail', 'Confirm your e-mail address', async (page) => {
      await expect(page.getByTestId('development-mail')).toContainText('mail log');
    });
  });

  await test.step('Uma (a User Group Administrator): her roles, two roles to certify, her mail, her profile', async () => {
    const uma = await browserOf('uga');
    await uma.goto('/');
    await look(uma, 'myRoles', 'My roles', async (page) => {
      await expect(page.getByRole('heading', { name: 'What you can decide, and why' })).toBeVisible();
    });
    await uma.goto('/certification');
    await look(uma, 'certification', 'Certification', async (page) => {
      await expect(page.getByText('Eli Enduser (demo)').first()).toBeVisible();
      await expect(page.getByText('Lou Locked (demo)').first()).toBeVisible();
    });
    await uma.goto('/mail');
    await look(uma, 'mailLog', 'Mail log', async (page) => {
      // A notification, not any list item: the header's menu has some before the page's code has loaded.
      await expect(page.getByRole('list', { name: 'Notifications, newest first' }).getByRole('listitem').first()).toBeVisible();
    });
    await uma.goto('/profile');
    await look(uma, 'profile', 'My profile', async (page) => {
      await expect(page.getByLabel('Full name')).toHaveValue('Uma Admin (demo)');
    });
  });

  await test.step('Nico (waiting on three requests): his requests, and asking to join a user group', async () => {
    const nico = await browserOf('newhire');
    await nico.goto('/requests');
    await look(nico, 'myRequests', 'My requests', async (page) => {
      await expect(page.getByText(/Join the user group “Patient Accounts”/).first()).toBeVisible();
    });
    await nico.goto('/ask');
    await nico.getByRole('radio', { name: /^Join a user group as an end user/ }).check();
    await look(nico, 'ask', 'Ask for access', async (page) => {
      await expect(page.getByRole('heading', { name: 'Join a user group' })).toBeVisible();
    });
  });

  await test.step('Sam (Security Official of Lakeside): his queue, the organization and its audit log', async () => {
    const sam = await browserOf('so');
    await sam.goto('/queue');
    await look(sam, 'queue', 'Approval queue', async (page) => {
      await expect(page.locator('li.iacs-queue-item')).toHaveCount(1);
    });
    await sam.goto('/');
    await sam.getByRole('link', { name: 'Lakeside General Hospital (demo)' }).first().click();
    await look(sam, 'organization', 'Lakeside General Hospital (demo)', async (page) => {
      await expect(page.getByTestId('organization-graph')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Acme Billing (demo) for Lakeside General Hospital (demo)' })).toBeVisible();
    });
    await sam.goto('/audit');
    await look(sam, 'audit', 'Audit log', async (page) => {
      await expect(page.getByText(/^Showing \d+ of \d+ events/)).toBeVisible();
    });
  });

  await test.step('Bill (Acme Billing): the company serving three organizations and Dr. Ida, one pending', async () => {
    const bill = await browserOf('billing');
    await bill.goto('/billing');
    await look(bill, 'billing', 'Billing company', async (page) => {
      await expect(page.getByText('Dr. Ida Practitioner (demo)').first()).toBeVisible();
    });
  });

  await test.step('Hanna (help desk): the registration waiting, and Lou locked, with Unlock for him only', async () => {
    const hanna = await browserOf('helpdesk');
    await hanna.goto('/help-desk');
    await hanna.getByLabel(/^Name, e-mail, user ID, NPI or tracking number/).fill('demo.iacs.test');
    await hanna.getByRole('button', { name: 'Look up' }).click();
    await look(hanna, 'helpDesk', 'Help desk console', async (page) => {
      await expect(page.locator('li.iacs-queue-item').filter({ hasText: 'Maple Hospice (demo)' })).toBeVisible();
      const people = page.getByRole('region', { name: /^People/ });
      await expect(people.getByRole('row').filter({ hasText: 'Lou Locked (demo)' })).toContainText('Locked until');
      await expect(people.getByRole('button', { name: /^Unlock/ })).toHaveCount(1);
    });
    await hanna.goto('/webhooks');
    await look(hanna, 'webhooks', 'Webhooks', async (page) => {
      await expect(page.getByText('No endpoint yet. Add one below.')).toBeVisible();
    });
  });

  expect([...seen].sort()).toEqual(routes.map((route) => route.name).sort());
});
