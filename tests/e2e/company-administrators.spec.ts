// Company administrators (R35) in the browser: a billing company's founder holds nothing until an
// organization approves its first surrogate group; then the company dashboard names its one administrator
// and says, calmly, that it is at risk and what to do; a colleague asks to administer the company from
// "Ask for access", the founder approves in the queue, and the notice goes. The help desk console lists the
// companies with one administrator or none. axe at 1280 and 390 px; nothing scrolls sideways at 390 px.
//
// The organizations and the founding are made through the GraphQL API (support/world.ts); what the test is
// about is done and checked in the UI.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { envNames, requireEnv } from './support/paths';
import { newPerson, signUpThroughApi, tinFor } from './support/people';
import { expectPage, goTo, mainNav, screenshot, signIn } from './support/ui';
import { api, approve, askToServe, helpDeskApi, registerOrganization, requestScope } from './support/world';

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider, 'sideways scrolling at 390 px').toBeLessThanOrEqual(0);
}

test('a billing company gets a second administrator, and the help desk sees the companies at risk', async ({
  page,
  openBrowser,
  mailbox,
  baseURL,
  expectAccessible,
}) => {
  const stamp = String(Date.now()).slice(-6);
  const company = `Harbor Billing ${stamp}`;
  const orphan = `Lonely Claims ${stamp}`;
  const sally = newPerson('Sally Harbor');
  const abe = newPerson('Abe Harbor');
  const cleo = newPerson('Cleo Harbor');
  const dora = newPerson('Dora Lonely');

  // An approved organization (Sally is its Security Official) that the companies ask to serve.
  const sallyBrowser = await openBrowser(sally.name);
  await signUpThroughApi(sallyBrowser.context.request, mailbox, sally);
  const registration = await registerOrganization(sallyBrowser.context.request, {
    name: `Harbor Clinic ${stamp}`,
    seed: 710_000 + Number(stamp),
    city: 'Harbor',
  });
  const helpDesk = await helpDeskApi(baseURL ?? '');
  await approve(helpDesk, registration.id);
  const { organizationId } = await requestScope(helpDesk, registration.id);
  if (organizationId === null) throw new Error('no organization');

  // Abe founds the company: until Sally approves, he administers nothing.
  const abeBrowser = await openBrowser(abe.name);
  await signUpThroughApi(abeBrowser.context.request, mailbox, abe);
  const [founding] = await askToServe(
    abeBrowser.context.request,
    { name: company, tin: tinFor(720_000_000 + Number(stamp)) },
    [organizationId],
  );
  if (founding === undefined) throw new Error('no founding request');
  const abePage = abeBrowser.page;
  await abePage.goto('/billing');
  await expectPage(abePage, '/billing', 'Billing company');
  await expect(abePage.getByText(/This page is for User Group Administrators of a surrogate/)).toBeVisible();
  await expect(mainNav(abePage).getByRole('link', { name: 'Billing company' })).toHaveCount(0);

  // Sally approves the company's first surrogate group: Abe is its only administrator, and the dashboard says so.
  await approve(sallyBrowser.context.request, founding.id);
  await abePage.reload();
  const section = abePage.locator(`[data-company="${company}"]`);
  await expect(section.getByRole('heading', { name: company })).toBeVisible();
  await expect(section.getByTestId('company-administrators')).toHaveText('Administrators: Abe Harbor');
  const atRisk = section.getByRole('region', { name: /Only one administrator/ });
  await expect(atRisk).toContainText(`Abe Harbor is the only administrator of ${company}.`);
  await expect(atRisk.getByRole('link', { name: 'Ask for access' })).toBeVisible();
  await expectAccessible(abePage, '/billing with one administrator');
  await screenshot(abePage, 'billing-company-at-risk');

  // Cleo, a colleague, asks to administer the company.
  const cleoBrowser = await openBrowser(cleo.name);
  await signUpThroughApi(cleoBrowser.context.request, mailbox, cleo);
  const cleoPage = cleoBrowser.page;
  await cleoPage.goto('/ask?kind=administer-company');
  await expectPage(cleoPage, '/ask', 'Ask for access');
  await expect(cleoPage.getByRole('heading', { name: 'Administer a surrogate company' })).toBeVisible();
  await cleoPage.getByLabel(/^Search companies/).fill(company);
  await cleoPage.getByRole('button', { name: 'Search', exact: true }).click();
  await cleoPage.getByRole('radio', { name: new RegExp(company) }).check();
  await expectAccessible(cleoPage, '/ask?kind=administer-company with a company chosen');
  await cleoPage.getByRole('button', { name: 'Ask to administer' }).click();
  await expect(cleoPage.getByRole('heading', { name: 'Request sent' })).toBeVisible();
  await expect(cleoPage.getByText(`Administer ${company}`)).toBeVisible();

  // Abe decides it in his queue.
  await goTo(abePage, /Approval queue/, '/queue', 'Approval queue');
  const item = abePage.locator('li.iacs-queue-item').filter({ hasText: `Administer ${company}` });
  await expect(item).toContainText('Asked by Cleo Harbor');
  await expectAccessible(abePage, '/queue with a request to administer the company');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(abePage.getByTestId('decision-outcomes')).toContainText('1 request approved');

  // Two administrators: the notice is gone.
  await goTo(abePage, 'Billing company', '/billing', 'Billing company');
  await expect(section.getByTestId('company-administrators')).toHaveText('Administrators: Abe Harbor and Cleo Harbor');
  await expect(section.getByRole('region', { name: /Only one administrator/ })).toHaveCount(0);

  // Another company whose only founding request is denied has no administrator at all.
  const doraBrowser = await openBrowser(dora.name);
  await signUpThroughApi(doraBrowser.context.request, mailbox, dora);
  const [lonely] = await askToServe(
    doraBrowser.context.request,
    { name: orphan, tin: tinFor(730_000_000 + Number(stamp)) },
    [organizationId],
  );
  if (lonely === undefined) throw new Error('no founding request');
  await api(sallyBrowser.context.request, 'mutation ($id: ID!) { denyRequest(input: {requestId: $id, reason: "We do not know this company"}) { errors { code } } }', {
    id: lonely.id,
  });

  // The help desk console lists it as having no administrator; Harbor Billing, with two, is not listed.
  await page.goto('/sign-in');
  await signIn(page, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
  await goTo(page, 'Help desk', '/help-desk', 'Help desk console');
  const console = page.getByRole('region', { name: 'Billing companies at risk' });
  const row = console.getByRole('row').filter({ hasText: orphan });
  await expect(row).toContainText('No administrator');
  await expect(row).toContainText('Nobody can act for the company until you approve a request to administer it.');
  await expect(console.getByRole('row').filter({ hasText: company })).toHaveCount(0);
  await console.scrollIntoViewIfNeeded();
  await expectAccessible(page, '/help-desk companies at risk');
  await screenshot(page, 'help-desk-companies-at-risk');

  // A phone: readable, axe-clean, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await console.scrollIntoViewIfNeeded();
  await expectAccessible(page, '/help-desk companies at risk at 390 px');
  await expectNoSidewaysScrolling(page);
  await abePage.setViewportSize({ width: 390, height: 844 });
  await abePage.reload();
  await expect(section.getByTestId('company-administrators')).toBeVisible();
  await expectAccessible(abePage, '/billing at 390 px');
  await expectNoSidewaysScrolling(abePage);
});
