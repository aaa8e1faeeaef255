// Issue 7 in the browser: the approval queue and its header count follow new requests live (the
// approvalQueue subscription) while other people ask from their own browsers; "why do I have this
// role" reads the chain back to the help desk; the organization picture shows officials, groups,
// people and surrogate companies; the certification queue certifies and restores roles (R30); the
// mail log (development) shows one's notifications. axe checks every new page and dialog.
//
// The organizations are built through the GraphQL API (support/world.ts) to keep the tests short;
// what each test is about is done and checked in the UI.
import { request as playwrightRequest, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expect, test, type PersonBrowser } from './fixtures';
import type { Mailbox } from './support/mailbox';
import { newPerson, signUpThroughApi, tinFor, type Person } from './support/people';
import { expectPage, goTo, mainNav } from './support/ui';
import {
  approve,
  askForGroup,
  askToBeBackup,
  askToJoin,
  askToServe,
  cancel,
  helpDeskApi,
  myRoleIds,
  registerOrganization,
  requestScope,
  setCertification,
  type OrganizationData,
} from './support/world';

function queueCount(page: Page): Locator {
  return page.getByTestId('queue-count');
}

function queueItem(page: Page, text: string | RegExp): Locator {
  return page.locator('li.iacs-queue-item').filter({ hasText: text });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Today as the app writes dates ("Nov 28, 2026"), in the browser's own time zone. */
function today(page: Page): Promise<string> {
  return page.evaluate(() => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date()));
}

async function browserFor(openBrowser: (label: string) => Promise<PersonBrowser>, mailbox: Mailbox, person: Person): Promise<Page> {
  const browser = await openBrowser(person.name);
  await signUpThroughApi(browser.context.request, mailbox, person);
  await browser.page.goto('/');
  await expectPage(browser.page, '/', 'My roles');
  return browser.page;
}

/** Someone who only acts through the API in this test: a session of their own. */
async function apiPerson(baseURL: string, mailbox: Mailbox, person: Person): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  await signUpThroughApi(context, mailbox, person);
  return context;
}

test('the approval queue and its header count follow new requests live, without a reload (R24)', async ({
  page: olive,
  openBrowser,
  mailbox,
  baseURL,
  expectAccessible,
}) => {
  const harbor: OrganizationData = { name: 'Harbor Live Clinic', seed: 201, city: 'Quincy' };
  const olivePerson = newPerson('Olive Official');
  const bruno = newPerson('Bruno Backup');
  const umberto = newPerson('Umberto Admin');
  const origin = baseURL ?? '';
  const helpDesk = await helpDeskApi(origin);
  const umbertoApi = await apiPerson(origin, mailbox, umberto);

  await signUpThroughApi(olive.context().request, mailbox, olivePerson);
  const registration = await registerOrganization(olive.context().request, harbor);
  await approve(helpDesk, registration.id);
  const organizationId = (await requestScope(olive.context().request, registration.id)).organizationId ?? '';

  await test.step('Olive, the Security Official of Harbor Live Clinic, opens her queue: empty, live', async () => {
    await olive.goto('/queue');
    await expectPage(olive, '/queue', 'Approval queue');
    await expect(olive.getByText('Nothing is waiting for you')).toBeVisible();
    await expect(queueCount(olive)).toHaveText('0 waiting');
    await expect(olive.getByTestId('live-status')).toHaveAttribute('data-status', 'live');
    await expect(olive.getByTestId('live-status')).toContainText('Live');
    await expectAccessible(olive, '/queue (live, nothing waiting)');
    // Set on this very document: still there at the end means the page was never reloaded.
    await olive.evaluate(() => {
      document.documentElement.dataset.e2eSameDocument = 'yes';
    });
  });

  await test.step('Bruno, in his own browser, asks in the UI to be a Backup: the request appears in Olive’s queue live', async () => {
    const brunoPage = await browserFor(openBrowser, mailbox, bruno);
    await goTo(brunoPage, 'Ask for access', '/ask', 'Ask for access');
    await brunoPage.getByRole('radio', { name: /^Become a Backup Security Official/ }).check();
    await brunoPage.getByLabel(/^Search approved organizations/).fill('Harbor Live');
    await brunoPage.getByLabel(/^Search approved organizations/).press('Enter');
    await brunoPage
      .getByRole('radiogroup', { name: /^Search results/ })
      .getByLabel(new RegExp(`^${harbor.name}`))
      .check();
    await brunoPage.getByRole('button', { name: 'Ask to be a BSO' }).click();
    await expect(brunoPage.getByTestId('submitted-requests')).toContainText('Waiting on Olive Official');

    const item = queueItem(olive, `Be a Backup Security Official of ${harbor.name}`);
    await expect(item).toContainText('Asked by Bruno Backup');
    await expect(queueCount(olive)).toHaveText('1 waiting');
    await expect(olive.getByTestId('queue-announcement')).toHaveText(
      `New request for your decision: Be a Backup Security Official of ${harbor.name}, asked by Bruno Backup. 1 request waiting for you.`,
    );
  });

  await test.step('Umberto asks to create a group: a second row and the count 2; he withdraws it: back to 1', async () => {
    const group = await askForGroup(umbertoApi, organizationId, 'Night Shift');
    await expect(queueItem(olive, 'Night Shift')).toContainText('Asked by Umberto Admin');
    await expect(queueCount(olive)).toHaveText('2 waiting');
    await expect(olive.locator('li.iacs-queue-item')).toHaveCount(2);
    await expectAccessible(olive, '/queue (two requests arrived live)');

    await cancel(umbertoApi, group.id);
    await expect(queueItem(olive, 'Night Shift')).toHaveCount(0);
    await expect(queueCount(olive)).toHaveText('1 waiting');
    await expect(olive.getByTestId('queue-announcement')).toHaveText(
      `Request ${group.trackingNumber} was withdrawn by the requester. 1 request waiting for you.`,
    );
  });

  await test.step('On another page the header count still follows; Olive’s own decision is not announced', async () => {
    await goTo(olive, 'My roles', '/', 'My roles');
    const dayShift = await askForGroup(umbertoApi, organizationId, 'Day Shift');
    await expect(queueCount(olive)).toHaveText('2 waiting');
    const added =
      `New request for your decision: Create the user group “Day Shift” in ${harbor.name} and administer it, ` +
      'asked by Umberto Admin. 2 requests waiting for you.';
    await expect(olive.getByTestId('queue-announcement')).toHaveText(added);
    await goTo(olive, /Approval queue/, '/queue', 'Approval queue');
    await queueItem(olive, 'Day Shift').getByRole('button', { name: /^Approve/ }).click();
    await expect(olive.getByTestId('decision-outcomes')).toContainText('1 request approved');
    await expect(queueCount(olive)).toHaveText('1 waiting');
    await expect(olive.locator('li.iacs-queue-item')).toHaveCount(1);
    // Her own decision reaches her as a REMOVED event too, but she has just been told: nothing new is announced.
    await expect(olive.getByTestId('queue-announcement')).toHaveText(added);
    await expect(olive.getByTestId('queue-announcement')).not.toContainText(dayShift.trackingNumber);
    expect(await olive.evaluate(() => document.documentElement.dataset.e2eSameDocument)).toBe('yes');
  });

  await umbertoApi.dispose();
  await helpDesk.dispose();
});

test('when live updates cannot connect, the queue still works and says so quietly', async ({ page, mailbox, expectAccessible }) => {
  const refused: string[] = [];
  // Every WebSocket to /graphql is refused, as by a proxy that does not pass them.
  await page.context().routeWebSocket(/\/graphql$/, (socket) => {
    refused.push(socket.url());
    void socket.close({ code: 1011, reason: 'refused by the test' });
  });
  await signUpThroughApi(page.context().request, mailbox, newPerson('Paula Paused'));
  await page.goto('/queue');
  await expectPage(page, '/queue', 'Approval queue');
  await expect(page.getByText('Nothing is waiting for you')).toBeVisible();
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('live-status')).toContainText('Updates paused');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, '/queue (updates paused)');
  // It keeps trying, with a growing delay, and still says nothing more.
  await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('queue-announcement')).toBeEmpty();
});

test('explain why, the organization picture, certification and the mail log', async ({
  page: sara,
  openBrowser,
  mailbox,
  baseURL,
  expectAccessible,
}) => {
  const pier: OrganizationData = { name: 'Pier Point Hospital', seed: 202, city: 'Alton' };
  const company = { name: 'Tidewater Billing LLC', tin: tinFor(302) };
  const saraPerson = newPerson('Sara Official');
  const bianca = newPerson('Bianca Backup');
  const uri = newPerson('Uri Admin');
  const eva = newPerson('Eva User');
  const abe = newPerson('Abe Surrogate');
  const origin = baseURL ?? '';
  const helpDesk = await helpDeskApi(origin);

  // The organization, built through the API: Sara registers it (the help desk approves); Bianca is a
  // Backup, Uri creates Billing Desk, Eva joins it (Uri approves), Tidewater Billing serves it.
  await signUpThroughApi(sara.context().request, mailbox, saraPerson);
  const saraApi = sara.context().request;
  const [biancaApi, uriApi, abeApi] = await Promise.all([
    apiPerson(origin, mailbox, bianca),
    apiPerson(origin, mailbox, uri),
    apiPerson(origin, mailbox, abe),
  ]);
  const evaPage = await browserFor(openBrowser, mailbox, eva);
  const registration = await registerOrganization(saraApi, pier);
  await approve(helpDesk, registration.id);
  const organizationId = (await requestScope(saraApi, registration.id)).organizationId ?? '';
  const backup = await askToBeBackup(biancaApi, organizationId);
  const group = await askForGroup(uriApi, organizationId, 'Billing Desk');
  await approve(saraApi, backup.id);
  await approve(saraApi, group.id);
  const groupId = (await requestScope(uriApi, group.id)).userGroupId ?? '';
  const join = await askToJoin(evaPage.context().request, groupId);
  await approve(uriApi, join.id);
  const [serve] = await askToServe(abeApi, company, [organizationId]);
  await approve(saraApi, serve?.id ?? '');

  const pierGroup = `Billing Desk (${pier.name})`;
  const date = await today(sara);
  // Sara (Pier's SO) sees the chain up to her own role: the help desk's role is not hers to see. Eva sees her own
  // link only: the officials' roles and requests are not hers to see (issue 12, finding 2; docs/visibility.md).
  const chain = [
    `End user in ${pierGroup} — held by Eva User ` +
      `Uri Admin approved request ${join.trackingNumber} (Join a user group) on ${date}. ` +
      `On the authority of Uri Admin as User Group Administrator in ${pierGroup}. ` +
      'Rule: Approved by a User Group Administrator of the group.',
    `User Group Administrator in ${pierGroup} — held by Uri Admin ` +
      `Sara Official approved request ${group.trackingNumber} (New user group) on ${date}. ` +
      `On the authority of Sara Official as Security Official of ${pier.name}. ` +
      "Rule: Approved by the organization's Security Official or a Backup.",
    `Security Official of ${pier.name} — held by Sara Official ` +
      `Helen Desk approved request ${registration.trackingNumber} (Organization registration) on ${date}. ` +
      'Rule: Approved by the help desk.',
  ];
  const evasChain = [
    `End user in ${pierGroup} — held by Eva User ` +
      `Uri Admin approved request ${join.trackingNumber} (Join a user group) on ${date}. ` +
      'Rule: Approved by a User Group Administrator of the group.',
  ];
  const chainSummary = 'Approved: Eva User’s role by Uri Admin.';

  await test.step('Eva asks why she has her role: who approved her request, on what rule', async () => {
    await evaPage.reload();
    await evaPage.getByRole('button', { name: `Why do I have this? End user in ${pierGroup}` }).click();
    const dialog = evaPage.getByRole('dialog', { name: 'Why you have this role' });
    await expect(dialog.getByTestId('grant-chain').getByRole('listitem')).toHaveText(evasChain, { useInnerText: true });
    await expect(dialog.getByTestId('grant-chain-summary')).toHaveText(chainSummary);
    await expectAccessible(evaPage, '/ with "Why do I have this?" open');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toBeHidden();
    // An end user decides nothing: no "what you can decide" section.
    await expect(evaPage.getByTestId('person-explanation')).toHaveCount(0);
  });

  await test.step('Sara sees what she can decide and what her leaving would leave behind', async () => {
    await sara.goto('/');
    await expectPage(sara, '/', 'My roles');
    const mine = sara.getByTestId('person-explanation');
    await expect(mine.getByRole('heading', { name: 'What you can decide, and why' })).toBeVisible();
    await expect(mine.getByTestId('decision-rights').getByRole('listitem')).toHaveText([
      'As an official (the Security Official or a Backup): User group administration, Application access, Surrogate user group, ' +
        `New user group. Because of the role Security Official of ${pier.name}.`,
      `As the Security Official: Backup Security Official. Because of the role Security Official of ${pier.name}.`,
    ]);
    const departure = mine.getByTestId('departure-impact');
    await expect(departure.getByRole('heading', { name: 'If you left' })).toBeVisible();
    await expect(departure).toContainText(`Organizations left without a Security Official${pier.name} — a Backup Security Official should ask to succeed`);
    await expect(departure).toContainText('Organizations left without any officialNone.');
    await expectAccessible(sara, '/ (My roles of a Security Official, with what she can decide)');
  });

  await test.step('The organization picture shows the officials, groups, people and the surrogate company', async () => {
    await sara.getByRole('link', { name: pier.name }).click();
    await expect(sara.getByRole('heading', { level: 1 })).toHaveText(pier.name);
    const picture = sara.getByTestId('organization-graph').locator('svg');
    await expect(picture).toHaveAttribute('role', 'img');
    await expect(picture).toHaveAttribute(
      'aria-label',
      `Picture of ${pier.name}: Security Official Sara Official; 1 Backup Bianca Backup; ` +
        '1 user group: Billing Desk (administered by Uri Admin, 1 end user); ' +
        `1 surrogate user group: ${company.name} for ${pier.name} (company ${company.name}, administered by Abe Surrogate, 0 end users).`,
    );
    const nodes = picture.locator('[data-label]');
    expect(await nodes.evaluateAll((elements) => elements.map((element) => [element.getAttribute('data-node-kind'), element.getAttribute('data-label')]))).toEqual([
      ['organization', pier.name],
      ['official', 'Sara Official'],
      ['official', 'Bianca Backup'],
      ['group', 'Billing Desk'],
      ['administrator', 'Uri Admin'],
      ['endUser', 'Eva User'],
      ['group', `${company.name} for ${pier.name}`],
      ['company', company.name],
      ['administrator', 'Abe Surrogate'],
    ]);
    // The names are drawn, under what each one is.
    for (const [caption, name] of [
      ['Security Official', 'Sara Official'],
      ['Backup Security Official', 'Bianca Backup'],
      ['User group', 'Billing Desk'],
      ['User Group Administrator', 'Uri Admin'],
      ['End user', 'Eva User'],
      ['Surrogate company', company.name],
    ]) {
      await expect(picture.locator(`[data-label="${name ?? ''}"] text`)).toHaveText(`${caption ?? ''}${name ?? ''}`);
    }
    await expectAccessible(sara, '/organizations/:id with the picture');
  });

  await test.step('Sara explains Eva’s role from the organization page, and what Uri decides and leaves behind', async () => {
    // The screen-reader text of a button is read after a space: "Explain : End user in ...".
    await sara.getByRole('button', { name: new RegExp(`^Explain\\W+End user in ${escape(pierGroup)}, held by Eva User$`) }).click();
    const why = sara.getByRole('dialog', { name: 'Why Eva User has this role' });
    await expect(why.getByTestId('grant-chain').getByRole('listitem')).toHaveText(chain, { useInnerText: true });
    await expectAccessible(sara, '/organizations/:id with a role explained');
    await why.getByRole('button', { name: 'Close', exact: true }).click();

    await sara.getByRole('button', { name: 'What can they decide? Uri Admin' }).click();
    const about = sara.getByRole('dialog', { name: 'About Uri Admin' });
    await expect(about.getByTestId('decision-rights').getByRole('listitem')).toHaveText([
      `As a User Group Administrator of the group: Application access, Join a user group. Because of the role User Group Administrator in ${pierGroup}.`,
    ]);
    const departure = about.getByTestId('departure-impact');
    await expect(departure.getByRole('heading', { name: 'If Uri Admin left' })).toBeVisible();
    await expect(departure).toContainText(`User groups left without an administrator${pierGroup}`);
    await expect(departure).toContainText(`Roles that would end (1)User Group Administrator in ${pierGroup}`);
    await expectAccessible(sara, '/organizations/:id with a person explained');
    await about.getByRole('button', { name: 'Close', exact: true }).click();
  });

  await test.step('Certification (R30): a role due in 10 days and a suspended one; certify one, then the rest at once', async () => {
    const uriRole = (await myRoleIds(uriApi)).find((role) => role.role === 'USER_GROUP_ADMINISTRATOR');
    const biancaRole = (await myRoleIds(biancaApi)).find((role) => role.role === 'BACKUP_SECURITY_OFFICIAL');
    await setCertification(uriRole?.id ?? '', 10);
    await setCertification(biancaRole?.id ?? '', -2, true);

    await goTo(sara, 'Certification', '/certification', 'Certification');
    const rows = sara.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText(`Bianca Backup${bianca.email}`);
    await expect(rows.nth(0)).toContainText(`Backup Security Official of ${pier.name}`);
    await expect(rows.nth(0)).toContainText('Suspended');
    await expect(rows.nth(1)).toContainText(`User Group Administrator in ${pierGroup}`);
    await expect(rows.nth(1)).toContainText('Due in 10 days');
    await expectAccessible(sara, '/certification with two roles');

    await rows.nth(1).getByRole('button', { name: /^Certify\W+User Group Administrator/ }).click();
    const outcomes = sara.getByTestId('certification-outcomes');
    await expect(outcomes).toContainText('1 role certified');
    await expect(outcomes).toContainText(`User Group Administrator in ${pierGroup}, held by Uri Admin: certified until`);
    await expect(rows).toHaveCount(1);

    await sara.getByRole('checkbox', { name: 'Select all 1 shown' }).check();
    await sara.getByRole('button', { name: 'Certify selected (1)' }).click();
    await expect(outcomes).toContainText(`Backup Security Official of ${pier.name}, held by Bianca Backup: certified until`);
    await expect(sara.getByRole('heading', { name: 'Nothing to certify' })).toBeVisible();
    await expectAccessible(sara, '/certification, all certified');
  });

  await test.step('The mail log (development) shows Sara’s notifications', async () => {
    await expect(mainNav(sara).getByRole('link')).toHaveText([
      'My roles',
      'My requests',
      'Ask for access',
      /^Approval queue/,
      'Certification',
      'Audit log',
      'Mail log',
    ]);
    await goTo(sara, 'Mail log', '/mail', 'Mail log');
    const mail = sara.getByRole('list', { name: 'Notifications, newest first' });
    const approved = mail.getByRole('listitem').filter({ hasText: `IACS request ${registration.trackingNumber} was approved` });
    await expect(approved).toContainText(`To ${saraPerson.email}`);
    await expect(approved).toContainText('Hello Sara Official');
    await expect(mail.getByRole('heading', { name: `IACS request ${group.trackingNumber} is waiting for your decision` })).toBeVisible();
    await expectAccessible(sara, '/mail');
  });

  await Promise.all([biancaApi.dispose(), uriApi.dispose(), abeApi.dispose(), helpDesk.dispose()]);
});
