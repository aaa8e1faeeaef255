// The contractor community (R2) in the browser: a Medicare contractor's first person registers it in the
// UI (her account is of the fiscal intermediary / carrier / MAC community, so the form offers only the
// contractors' types), the help desk approves, a colleague's group is approved; then a nurse of the
// contractor signs up in the UI choosing that community, asks to join the group, its administrator
// approves in her queue, and the nurse sees her role. Every page shown is checked by axe.
//
// The organization's setup that is not the subject (the help desk's approval, the group) goes through
// the GraphQL API, from each person's own browser context (support/world.ts); the rest is done on screen.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { newPerson, signUpThroughApi, tinFor, validNpi } from './support/people';
import { expectPage, goTo, mainNav, screenshot } from './support/ui';
import { api, approve, askForGroup, helpDeskApi, requestScope } from './support/world';

const mac = { name: 'Great Plains MAC', seed: 301, city: 'Bloomington' };
const contractorCommunity = 'Fiscal intermediary / carrier / MAC';

async function askFor(page: Page, choice: RegExp): Promise<void> {
  await goTo(page, 'Ask for access', '/ask', 'Ask for access');
  await page.getByRole('radio', { name: choice }).check();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

test('a Medicare contractor registers, and a nurse of its community asks to join its group and gets the role', async ({
  page: carla,
  openBrowser,
  mailbox,
  expectAccessible,
  baseURL,
}) => {
  const carlaPerson = newPerson('Carla Contractor');
  const gwenPerson = newPerson('Gwen Reviewer');
  const nora = newPerson('Nora Nurse');

  let organizationId = '';
  await test.step('Carla, of the contractor community, registers the MAC in the UI (R2, R6)', async () => {
    await signUpThroughApi(carla.request, mailbox, carlaPerson, 'FI_CARRIER_MAC');
    await carla.goto('/');
    await expectPage(carla, '/', 'My roles');
    await askFor(carla, /^Register an organization and be its Security Official/);
    // Her account's community decides the organization's: only the contractors' types are offered.
    await expect(carla.getByText(`${contractorCommunity} (your account’s community)`)).toBeVisible();
    await carla.getByRole('button', { name: /Provider type/ }).click();
    await expect(carla.getByRole('option')).toHaveText(['Fiscal intermediary', 'Carrier', 'Medicare Administrative Contractor']);
    await carla.getByRole('option', { name: 'Medicare Administrative Contractor', exact: true }).click();
    await carla.getByLabel(/^Legal business name/).fill(mac.name);
    await carla.getByLabel(/^Taxpayer Identification Number/).fill(tinFor(mac.seed));
    await carla.getByLabel(/^National Provider Identifier/).fill(validNpi(mac.seed));
    await carla.getByLabel(/^Street address$/).fill('600 Contractor Way');
    await carla.getByLabel(/^City/).fill(mac.city);
    await carla.getByLabel(/^State/).fill('IL');
    await carla.getByLabel(/^ZIP code/).fill('61701');
    await expectAccessible(carla, '/ask?kind=organization (contractor community)');
    await carla.getByRole('button', { name: 'Send registration' }).click();
    const sent = carla.getByTestId('submitted-requests');
    await expect(sent).toContainText(`Register ${mac.name} and be its Security Official`);

    const helpDesk = await helpDeskApi(baseURL ?? '');
    const queue = await api<{ approvalQueue: { edges: { node: { id: string; organization: { id: string; legalBusinessName: string } } }[] } }>(
      helpDesk,
      '{ approvalQueue(first: 100, kinds: [REGISTER_ORGANIZATION]) { edges { node { id organization { id legalBusinessName } } } } }',
    );
    const registration = queue.approvalQueue.edges.find((edge) => edge.node.organization.legalBusinessName === mac.name);
    expect(registration, 'the registration in the help desk queue').toBeDefined();
    await approve(helpDesk, registration?.node.id ?? '');
    organizationId = registration?.node.organization.id ?? '';
    await helpDesk.dispose();
  });

  const gwen = await openBrowser(gwenPerson.name);
  await test.step('Gwen, a colleague, gets the Medical Review group; Carla approves it (R12)', async () => {
    await signUpThroughApi(gwen.context.request, mailbox, gwenPerson, 'FI_CARRIER_MAC');
    const asked = await askForGroup(gwen.context.request, organizationId, 'Medical Review');
    await approve(carla.request, asked.id);
    expect((await requestScope(carla.request, asked.id)).userGroupId).not.toBeNull();
  });

  const noraPage = (await openBrowser(nora.name)).page;
  await test.step('Nora signs up in the UI in the contractor community and confirms her e-mail (R2, R3)', async () => {
    await noraPage.goto('/sign-up');
    await noraPage.getByLabel('Work e-mail address').fill(nora.email);
    await noraPage.getByLabel('Full name').fill(nora.name);
    await noraPage.getByLabel(/^Password/).fill(nora.password);
    await noraPage.getByRole('radio', { name: new RegExp(`^${contractorCommunity}`) }).check();
    await noraPage.getByLabel('I have read and accept the rules of behavior').check();
    await expectAccessible(noraPage, '/sign-up with the contractor community chosen');
    const since = Date.now() - 1_000;
    await noraPage.getByRole('button', { name: 'Create account' }).click();
    await expectPage(noraPage, '/confirm-email', 'Confirm your e-mail address');
    await noraPage.getByLabel('Confirmation code').fill(await mailbox.waitForCode(nora.email, { since }));
    await noraPage.getByRole('button', { name: 'Confirm e-mail address' }).click();
    await expectPage(noraPage, '/', 'My roles');
    await expect(noraPage.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
  });

  await test.step('Nora asks to join Medical Review; the request waits on Gwen (R13)', async () => {
    await askFor(noraPage, /^Join a user group as an end user/);
    await noraPage.getByLabel(/^Search approved organizations/).fill('Great Plains');
    await noraPage.getByLabel(/^Search approved organizations/).press('Enter');
    const results = noraPage
      .getByRole('radiogroup', { name: /^Search results/ })
      .or(noraPage.getByRole('group', { name: /^Search results/ }));
    await results.getByLabel(new RegExp(`^${mac.name}`)).check();
    await noraPage.getByRole('radio', { name: /^Medical Review/ }).check();
    await expectAccessible(noraPage, '/ask?kind=join-group (contractor community)');
    await noraPage.getByRole('button', { name: 'Ask to join' }).click();
    const sent = noraPage.getByTestId('submitted-requests');
    await expect(sent).toContainText('Join the user group “Medical Review”');
    await expect(sent).toContainText(`Waiting on ${gwenPerson.name}`);
  });

  await test.step('Gwen approves it in her queue', async () => {
    await gwen.page.goto('/');
    await expectPage(gwen.page, '/', 'My roles');
    await goTo(gwen.page, /Approval queue/, '/queue', 'Approval queue');
    const item = gwen.page.locator('li.iacs-queue-item').filter({ hasText: 'Join the user group “Medical Review”' });
    await expect(item).toContainText(`Asked by ${nora.name}`);
    await expectAccessible(gwen.page, '/queue (contractor community)');
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(gwen.page.getByTestId('decision-outcomes')).toContainText('1 request approved');
    await expect(gwen.page.getByText('Nothing is waiting for you')).toBeVisible();
  });

  await test.step('Nora holds the end user role in the contractor, approved by Gwen', async () => {
    await goTo(noraPage, 'My roles', '/', 'My roles');
    await expect(noraPage.getByRole('heading', { name: mac.name })).toBeVisible();
    await expect(noraPage.getByRole('heading', { name: 'Medical Review' })).toBeVisible();
    const role = noraPage.getByRole('row').filter({ hasText: 'End user' });
    await expect(role).toContainText(gwenPerson.name);
    await expect(mainNav(noraPage)).toBeVisible();
    await expectAccessible(noraPage, '/ (My roles of a contractor end user)');
    await screenshot(noraPage, 'my-roles-contractor');
  });
});
