// Who is left to approve for an organization (R37), and a disabled account holding no power (R36), in the
// browser: an organization with its Security Official alone is at risk, said calmly with what to do; with a
// Backup the notice goes; when the help desk disables the Security Official the page says nobody can approve,
// why and what to do, the officials' table marks the disabled account's role, and the help desk console shows
// the flag; enabling the account restores it. axe at 1280 and 390 px; nothing scrolls sideways at 390 px.
//
// The organization is built through the GraphQL API (support/world.ts); what the test is about is checked in
// the UI.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { envNames, requireEnv } from './support/paths';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, goTo, screenshot, signIn } from './support/ui';
import { api, approve, askToBeBackup, helpDeskApi, registerOrganization, requestScope } from './support/world';

async function setAccount(helpDesk: APIRequestContext, email: string, enabled: boolean): Promise<void> {
  const found = await api<{ helpDeskLookup: { people: { id: string; email: string | null }[] } | null }>(
    helpDesk,
    'query ($q: String!) { helpDeskLookup(query: $q) { people { id email } } }',
    { q: email },
  );
  const person = found.helpDeskLookup?.people.find((candidate) => candidate.email === email);
  if (person === undefined) throw new Error(`no person ${email}`);
  const mutation = enabled
    ? 'mutation ($id: ID!) { enableAccount(input: {userId: $id}) { errors { code message } } }'
    : 'mutation ($id: ID!) { disableAccount(input: {userId: $id, reason: "On long-term leave"}) { errors { code message } } }';
  const data = await api<Record<string, { errors: { code: string; message: string }[] }>>(helpDesk, mutation, { id: person.id });
  const errors = Object.values(data)[0]?.errors ?? [];
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
}

/** At 390 px, loaded as a phone would load it: nothing scrolls sideways (the message names what sticks out). */
async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const { wider, outside } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element: HTMLElement) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element: HTMLElement) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { wider: document.documentElement.scrollWidth - width, outside: sticking.join(', ') };
  });
  expect(wider, `sideways scrolling at 390 px: ${outside}`).toBeLessThanOrEqual(0);
}

async function asPhone(page: Page, path: string, heading: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expectPage(page, path, heading);
}

test('an organization at risk, then with nobody to approve for it while its Security Official is disabled', async ({
  page,
  openBrowser,
  mailbox,
  baseURL,
  expectAccessible,
}) => {
  const stamp = String(Date.now()).slice(-6);
  const name = `Lakeside Continuity Clinic ${stamp}`;
  const sally = newPerson('Sally Lakeside');
  const bob = newPerson('Bob Lakeside');

  // Sally registers the organization and the help desk approves it: she is its only official.
  const sallyBrowser = await openBrowser(sally.name);
  await signUpThroughApi(sallyBrowser.context.request, mailbox, sally);
  const registration = await registerOrganization(sallyBrowser.context.request, {
    name,
    seed: 700_000 + Number(stamp),
    city: 'Lakeside',
  });
  const helpDesk = await helpDeskApi(baseURL ?? '');
  await approve(helpDesk, registration.id);
  const { organizationId } = await requestScope(helpDesk, registration.id);
  if (organizationId === null) throw new Error('no organization');
  const organizationPath = `/organizations/${encodeURIComponent(organizationId)}`;

  // At risk: said calmly (an information notice), with why and what to do.
  const sallyPage = sallyBrowser.page;
  await sallyPage.goto(organizationPath);
  await expectPage(sallyPage, organizationPath, name);
  const atRisk = sallyPage.getByRole('region', { name: /Only one person can approve for this organization/ });
  await expect(atRisk).toBeVisible();
  await expect(atRisk).toContainText('Sally Lakeside is its only Security Official and it has no Backup.');
  await expect(atRisk).toContainText(
    'What to do: Someone in the organization asks to be a Backup Security Official (on the Ask for access page), and Sally Lakeside approves.',
  );
  await expect(sallyPage.getByText('Nobody can approve for this organization')).toHaveCount(0);
  await expectAccessible(sallyPage, `${organizationPath} at risk`);
  await screenshot(sallyPage, 'organization-at-risk');
  await asPhone(sallyPage, organizationPath, name);
  await expect(atRisk).toBeVisible();
  await expectAccessible(sallyPage, `${organizationPath} at risk at 390 px`);
  await expectNoSidewaysScrolling(sallyPage);
  await sallyPage.setViewportSize({ width: 1280, height: 900 });

  // With a Backup, nothing to say.
  const bobBrowser = await openBrowser(bob.name);
  await signUpThroughApi(bobBrowser.context.request, mailbox, bob);
  await approve(sallyBrowser.context.request, (await askToBeBackup(bobBrowser.context.request, organizationId)).id);
  await sallyPage.reload();
  await expectPage(sallyPage, organizationPath, name);
  await expect(sallyPage.getByRole('heading', { name: 'Security Official and Backups' })).toBeVisible();
  await expect(sallyPage.getByText('Only one person can approve for this organization')).toHaveCount(0);

  // The help desk disables Sally's account: nobody can approve for the organization.
  await setAccount(helpDesk, sally.email, false);
  try {
    await page.goto('/sign-in');
    await signIn(page, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
    await goTo(page, 'Help desk', '/help-desk', 'Help desk console');
    await page.getByLabel('Name, e-mail, user ID, NPI or tracking number').fill(name);
    await page.getByRole('button', { name: 'Look up' }).click();
    const found = page.getByRole('region', { name: 'Organizations (1)' }).getByRole('listitem').filter({ hasText: name });
    await expect(found).toContainText('Nobody can approve');
    await expect(found).not.toContainText('At risk');
    await expectAccessible(page, '/help-desk with an organization nobody can approve for');

    await found.getByRole('link', { name }).click();
    await expectPage(page, organizationPath, name);
    const orphaned = page.getByRole('alert', { name: /Nobody can approve for this organization/ });
    await expect(orphaned).toContainText(
      'It has no Security Official at the moment. The CMS help desk has disabled the account of Sally Lakeside: while it stays disabled, that person approves nothing.',
    );
    await expect(orphaned).toContainText(`Its Backup Security Official (${bob.name}) can still approve most requests, but nobody can approve a new Backup.`);
    await expect(orphaned).toContainText('What to do: A Backup Security Official asks to take over as Security Official; the CMS help desk decides.');
    const sallyRow = page.getByRole('row').filter({ hasText: sally.email });
    await expect(sallyRow).toContainText('Security Official (account disabled: approves nothing)');
    await expectAccessible(page, `${organizationPath} with nobody to approve`);
    await screenshot(page, 'organization-orphaned');
    await asPhone(page, organizationPath, name);
    await expect(orphaned).toBeVisible();
    await expectAccessible(page, `${organizationPath} with nobody to approve at 390 px`);
    await expectNoSidewaysScrolling(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  } finally {
    // Enabling the account restores everything (and leaves the shared backend as it was).
    await setAccount(helpDesk, sally.email, true);
  }
  await page.reload();
  await expectPage(page, organizationPath, name);
  await expect(page.getByRole('heading', { name: 'Security Official and Backups' })).toBeVisible();
  await expect(page.getByText('Nobody can approve for this organization')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: sally.email })).not.toContainText('account disabled');
  await helpDesk.dispose();
});
