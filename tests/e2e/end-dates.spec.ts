// A reason and an end date (R40) in the browser: a person asks to join a user group saying why and until
// when, with a wrong date first (refused next to its field); the group's administrator reads both in the
// queue, brings the end date forward and approves; the new end user sees when the role ends on "My roles".
// axe checks the form, the queue and My roles at 1280 and 390 px; nothing scrolls sideways at 390 px.
//
// A practitioner's registration carries them too: the form sends the reason and the end date, and "My requests"
// shows both.
//
// Escalation (R39) in the help desk's console: an organization whose only group administrator gave up the role,
// with a request to join the group waiting, is listed as one whose requests nobody can decide.
//
// The organizations and their groups are built through the GraphQL API (support/world.ts).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures';
import { newPerson, signUpThroughApi, validNpi } from './support/people';
import { envNames, requireEnv } from './support/paths';
import { expectPage, goTo, screenshot, signIn } from './support/ui';
import { api, approve, askForGroup, askToJoin, helpDeskApi, myRoleIds, registerOrganization, requestScope } from './support/world';

const clinic = { name: 'Lakeview Leave Clinic', seed: 411, city: 'Peoria' };

/** `YYYY-MM-DD` and how the app writes it ("Nov 28, 2026"), `days` from today in the browser's time zone. */
async function dayFromToday(page: Page, days: number): Promise<{ picker: string; shown: string }> {
  return page.evaluate((offset) => {
    const date = new Date();
    date.setDate(date.getDate() + offset);
    const picker = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    return { picker, shown: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(date) };
  }, days);
}

async function at390(page: Page, label: string, expectAccessible: (page: Page, label: string) => Promise<void>): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, `${label} at 390 px`);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider, `sideways scrolling of ${label} at 390 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a request with a reason and an end date; the approver shortens it; My roles shows when the role ends', async ({
  page: mia,
  openBrowser,
  mailbox,
  expectAccessible,
  baseURL,
}) => {
  const oscar = newPerson('Oscar Official');
  const uma = newPerson('Uma Until');
  const miaPerson = newPerson('Mia Member');
  const helpDesk = await helpDeskApi(baseURL ?? '');
  const umaBrowser = await openBrowser(uma.name);

  await test.step('the clinic, and its group administered by Uma (through the API)', async () => {
    const oscarBrowser = await openBrowser(oscar.name);
    await signUpThroughApi(oscarBrowser.context.request, mailbox, oscar);
    const registration = await registerOrganization(oscarBrowser.context.request, clinic);
    await approve(helpDesk, registration.id);
    const organizationId = (await requestScope(oscarBrowser.context.request, registration.id)).organizationId ?? '';
    await signUpThroughApi(umaBrowser.context.request, mailbox, uma);
    const group = await askForGroup(umaBrowser.context.request, organizationId, 'Front Desk');
    await approve(oscarBrowser.context.request, group.id);
  });

  const asked = await dayFromToday(mia, 60);
  const shortened = await dayFromToday(mia, 30);

  await test.step('Mia asks to join with a reason and an end date; a date in the past is refused next to it', async () => {
    await signUpThroughApi(mia.request, mailbox, miaPerson);
    await mia.goto('/');
    await expectPage(mia, '/', 'My roles');
    await goTo(mia, 'Ask for access', '/ask', 'Ask for access');
    await mia.getByRole('radio', { name: /^Join a user group as an end user/ }).check();
    await mia.getByLabel(/^Search approved organizations/).fill('Lakeview Leave');
    await mia.getByLabel(/^Search approved organizations/).press('Enter');
    const results = mia.getByRole('radiogroup', { name: /^Search results/ }).or(mia.getByRole('group', { name: /^Search results/ }));
    await results.getByLabel(new RegExp(`^${clinic.name}`)).check();
    await mia.getByRole('radio', { name: /^Front Desk/ }).check();
    await mia.getByLabel(/^Why you need this/).fill('Covering the front desk while Sam is on leave');
    await mia.getByLabel(/^Until/).fill((await dayFromToday(mia, -3)).picker);
    await mia.getByRole('button', { name: 'Ask to join' }).click();
    await expect(mia.getByText('The end date must be in the future.')).toBeVisible();
    await expect(mia.getByLabel(/^Until/)).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(mia, '/ask (join a group, end date refused)');
    await mia.getByLabel(/^Until/).fill(asked.picker);
    await expectAccessible(mia, '/ask (join a group with a reason and an end date)');
    await at390(mia, '/ask (join a group with a reason and an end date)', expectAccessible);
    await mia.getByRole('button', { name: 'Ask to join' }).click();
    const sent = mia.getByTestId('submitted-requests');
    await expect(sent).toContainText('Join the user group “Front Desk”');
    await expect(sent).toContainText(`Waiting on ${uma.name}`);
  });

  await test.step('Uma reads why and until when, brings the end date forward and approves', async () => {
    const page = umaBrowser.page;
    await page.goto('/');
    await expectPage(page, '/', 'My roles');
    await goTo(page, /Approval queue/, '/queue', 'Approval queue');
    const item = page.locator('li.iacs-queue-item').filter({ hasText: 'Join the user group “Front Desk”' });
    await expect(item).toContainText('Why: Covering the front desk while Sam is on leave');
    await expect(item).toContainText(`Until: ${asked.shown}, then the role ends by itself`);
    const endField = item.getByLabel(/^Role ends/);
    await expect(endField).toHaveValue(asked.picker);
    await expectAccessible(page, '/queue (a request with a reason and an end date)');
    await at390(page, '/queue (a request with a reason and an end date)', expectAccessible);
    await screenshot(page, 'queue-reason-and-end-date');
    await endField.fill(shortened.picker);
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByTestId('decision-outcomes')).toContainText('1 request approved');
  });

  await test.step('Mia sees on My roles when her role ends', async () => {
    await goTo(mia, 'My roles', '/', 'My roles');
    const role = mia.getByRole('row').filter({ hasText: 'End user' });
    await expect(role).toContainText(shortened.shown);
    await expectAccessible(mia, '/ (My roles with an end date)');
    await at390(mia, '/ (My roles with an end date)', expectAccessible);
    await screenshot(mia, 'my-roles-end-date');
  });
});

test('the help desk console lists an organization whose requests nobody of its own can decide (R39)', async ({
  page,
  openBrowser,
  mailbox,
  expectAccessible,
  baseURL,
}) => {
  const stalled = { name: 'Nobody Home Clinic', seed: 412, city: 'Joliet' };
  const olga = newPerson('Olga Official');
  const ugo = newPerson('Ugo Leaving');
  const nell = newPerson('Nell Newcomer');
  const helpDesk = await helpDeskApi(baseURL ?? '');
  const olgaBrowser = await openBrowser(olga.name);
  const ugoBrowser = await openBrowser(ugo.name);
  const nellBrowser = await openBrowser(nell.name);
  await signUpThroughApi(olgaBrowser.context.request, mailbox, olga);
  const registration = await registerOrganization(olgaBrowser.context.request, stalled);
  await approve(helpDesk, registration.id);
  const organizationId = (await requestScope(olgaBrowser.context.request, registration.id)).organizationId ?? '';
  await signUpThroughApi(ugoBrowser.context.request, mailbox, ugo);
  const group = await askForGroup(ugoBrowser.context.request, organizationId, 'Billing Desk');
  await approve(olgaBrowser.context.request, group.id);
  const groupId = (await requestScope(ugoBrowser.context.request, group.id)).userGroupId ?? '';
  await signUpThroughApi(nellBrowser.context.request, mailbox, nell);
  await askToJoin(nellBrowser.context.request, groupId);
  // the group's only administrator gives the role up: nobody of the clinic can decide Nell's request
  const administration = (await myRoleIds(ugoBrowser.context.request)).find((role) => role.role === 'USER_GROUP_ADMINISTRATOR');
  await api(ugoBrowser.context.request, 'mutation ($id: ID!) { revokeRole(input: {roleAssignmentId: $id, reason: "Leaving"}) { errors { code } } }', {
    id: administration?.id ?? '',
  });

  await page.goto('/sign-in');
  await signIn(page, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
  await goTo(page, 'Help desk', '/help-desk', 'Help desk console');
  const section = page.getByTestId('stalled-organizations');
  await expect(section.getByRole('link', { name: stalled.name })).toBeVisible();
  await expect(section.getByRole('link', { name: clinic.name })).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await expectAccessible(page, '/help-desk organizations whose requests nobody can decide');
  await at390(page, '/help-desk organizations whose requests nobody can decide', expectAccessible);
  await screenshot(page, 'help-desk-stalled-organizations');
});

test('registering as an individual practitioner sends a reason and an end date; My requests shows both', async ({
  page,
  mailbox,
  expectAccessible,
}) => {
  const doris = newPerson('Doris Doctor');
  const until = await dayFromToday(page, 200);
  const reason = 'I see Medicare patients in my own practice';
  await signUpThroughApi(page.request, mailbox, doris);
  await page.goto('/');
  await expectPage(page, '/', 'My roles');
  await goTo(page, 'Ask for access', '/ask', 'Ask for access');
  await page.getByRole('radio', { name: /^Register as an individual practitioner/ }).check();
  await page.getByLabel(/^Your National Provider Identifier/).fill(validNpi(413));
  await page.getByLabel(/^Street address$/).fill('9 Elm Street');
  await page.getByLabel(/^City/).fill('Peoria');
  await page.getByLabel(/^State/).fill('IL');
  await page.getByLabel(/^ZIP code/).fill('61602');
  await page.getByLabel(/^Why you need this/).fill(`  ${reason} `);
  await page.getByLabel(/^Until/).fill(until.picker);
  await expectAccessible(page, '/ask (individual practitioner with a reason and an end date)');

  // persisted documents travel by hash: the practitioner's mutation is the one whose input has the NPI
  const sending = page.waitForRequest((request) => request.url().endsWith('/graphql') && (request.postData() ?? '').includes('"npi"'));
  await page.getByRole('button', { name: 'Send registration' }).click();
  const variables = ((await sending).postDataJSON() as { variables: { input: Record<string, unknown> } }).variables;
  const endOfThatDay = await page.evaluate((day) => new Date(`${day}T23:59:59`).toISOString(), until.picker);
  expect([variables.input.justification, variables.input.endsAt]).toEqual([reason, endOfThatDay]);
  await expect(page.getByTestId('submitted-requests')).toContainText('Register as an individual practitioner');

  await goTo(page, 'My requests', '/requests', 'My requests');
  const row = page.getByRole('row').filter({ hasText: 'Register as an individual practitioner' });
  await expect(row).toContainText(`until ${until.shown}`);
  await expect(row).toContainText(`Why: ${reason}`);
});
