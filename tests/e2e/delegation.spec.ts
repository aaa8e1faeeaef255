// Delegation (R38) in the browser: a Security Official going on leave names a member of the organization to
// stand in on "My roles"; the delegate's approval queue says whose queue it is and holds the waiting request,
// which the delegate approves; the requester sees "approved by X for Y" on "My requests"; the official ends the
// delegation early. axe checks My roles and the queue at 1280 and 390 px; nothing scrolls sideways at 390 px.
//
// The organization, its group and the people are built through the GraphQL API (support/world.ts).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, goTo, screenshot } from './support/ui';
import { approve, askForGroup, askToBeBackup, askToJoin, helpDeskApi, registerOrganization, requestScope } from './support/world';

const clinic = { name: 'Harbor Leave Clinic', seed: 431, city: 'Decatur' };

async function at390(page: Page, label: string, expectAccessible: (page: Page, label: string) => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, `${label} at 390 px`);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider, `sideways scrolling of ${label} at 390 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('an official names a stand-in, who decides the queue for them; the official ends it early', async ({
  page: sally,
  openBrowser,
  mailbox,
  expectAccessible,
  baseURL,
}) => {
  const sallyPerson = newPerson('Sally Leaving');
  const uma = newPerson('Uma Group');
  const dana = newPerson('Dana Standin');
  const eve = newPerson('Eve Backup');
  const helpDesk = await helpDeskApi(baseURL ?? '');
  const danaBrowser = await openBrowser(dana.name);
  const eveBrowser = await openBrowser(eve.name);

  await test.step('the clinic, its group, Dana a member of it, Eve asking to be a Backup (through the API)', async () => {
    const umaBrowser = await openBrowser(uma.name);
    await signUpThroughApi(sally.request, mailbox, sallyPerson);
    const registration = await registerOrganization(sally.request, clinic);
    await approve(helpDesk, registration.id);
    const organizationId = (await requestScope(sally.request, registration.id)).organizationId ?? '';
    await signUpThroughApi(umaBrowser.context.request, mailbox, uma);
    const group = await askForGroup(umaBrowser.context.request, organizationId, 'Front Office');
    await approve(sally.request, group.id);
    const groupId = (await requestScope(sally.request, group.id)).userGroupId ?? '';
    await signUpThroughApi(danaBrowser.context.request, mailbox, dana);
    const joining = await askToJoin(danaBrowser.context.request, groupId);
    await approve(umaBrowser.context.request, joining.id);
    await signUpThroughApi(eveBrowser.context.request, mailbox, eve);
    await askToBeBackup(eveBrowser.context.request, organizationId);
  });

  await test.step('Sally names Dana on My roles', async () => {
    await sally.goto('/');
    await expectPage(sally, '/', 'My roles');
    const section = sally.getByRole('region', { name: 'Standing in' });
    await expect(section.getByText('Nobody stands in for you, and you stand in for nobody.')).toBeVisible();
    await expect(section.locator('select[name="roleAssignmentId"]')).toContainText(`Security Official of ${clinic.name}`);
    const candidates = section.locator('select[name="delegateId"]');
    await expect(candidates).toContainText(dana.name);
    await expect(candidates).not.toContainText(uma.name); // two people are needed
    await expectAccessible(sally, '/ (My roles, naming a stand-in)');
    await section.getByRole('button', { name: 'Name this person' }).click();
    await expect(section.getByRole('heading', { name: 'Delegate named' })).toBeVisible();
    const row = section.getByRole('row').filter({ hasText: `${dana.name} decides for you` });
    await expect(row).toContainText('In effect');
    await expectAccessible(sally, '/ (My roles with a stand-in)');
    await at390(sally, '/ (My roles with a stand-in)', expectAccessible);
    await screenshot(sally, 'my-roles-standing-in');
  });

  await test.step("Dana's queue says whose it is; Dana approves Eve's request for Sally", async () => {
    const page = danaBrowser.page;
    await page.goto('/');
    await expectPage(page, '/', 'My roles');
    await goTo(page, /Approval queue/, '/queue', 'Approval queue');
    await expect(page.getByTestId('delegated-to-you')).toContainText(`For ${sallyPerson.name}, as Security Official of ${clinic.name}`);
    const item = page.locator('li.iacs-queue-item').filter({ hasText: eve.name });
    await expect(item).toBeVisible();
    await expectAccessible(page, '/queue (standing in)');
    await at390(page, '/queue (standing in)', expectAccessible);
    await screenshot(page, 'queue-standing-in');
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByTestId('decision-outcomes')).toContainText('1 request approved');
  });

  await test.step('Eve sees who decided, and for whom', async () => {
    const page = eveBrowser.page;
    await page.goto('/requests');
    await expect(page.locator('p').filter({ hasText: `Approved by ${dana.name} for ${sallyPerson.name}` })).toBeVisible();
  });

  await test.step('Sally ends the delegation early', async () => {
    await sally.reload();
    const section = sally.getByRole('region', { name: 'Standing in' });
    const row = section.getByRole('row').filter({ hasText: `${dana.name} decides for you` });
    await row.getByRole('button', { name: /^End now/ }).click();
    await expect(row).toContainText('Ended on');
    await expectAccessible(sally, '/ (My roles, stand-in ended)');
  });
});
