// The article's story, acted out in the browser by the people in it, each in a browser of their own:
// a Security Official registers Provider Organization XYZ and the help desk approves it; a UGA creates
// a group (the SO approves), an end user joins it (the UGA approves), a BSO joins (the SO approves);
// a billing company asks to serve three organizations at once - one is refused as not approved (its
// SO has left), the other two each decide for themselves, one approving and one denying with a
// reason - and the company's dashboard shows every association. Every step is checked on screen,
// every page visited is checked by axe, one approval and one denial are done with the keyboard only,
// and the main pages are photographed into test-results/screenshots/.
//
// Sally (the SO of XYZ) signs up through the UI with the code from the captured mail. To save time
// the other people sign up through the GraphQL API from their own browser context (so the browser
// holds the session); everything they then do is done in the UI. The help desk (Helen) is created by
// global setup with `iacs create-user --help-desk`, the only way there is (R33).
import { expect, type Locator, type Page } from '@playwright/test';
import { test, type PersonBrowser } from './fixtures';
import type { Mailbox } from './support/mailbox';
import { envNames, requireEnv } from './support/paths';
import { lockAccount, newPerson, signUpThroughApi, tinFor, validNpi, type Person } from './support/people';
import { choose, expectPage, goTo, mainNav, screenshot, signIn, tabTo } from './support/ui';

interface OrganizationData {
  name: string;
  seed: number;
  city: string;
}

const xyz: OrganizationData = { name: 'Provider Organization XYZ', seed: 101, city: 'Springfield' };
const lakeview: OrganizationData = { name: 'Lakeview Clinic', seed: 102, city: 'Peoria' };
const riverside: OrganizationData = { name: 'Riverside Hospital', seed: 103, city: 'Decatur' };
const company = { name: 'Surrogate Billing Company ABC', tin: '11-1111111' };
const denialReason = 'No contract with ABC';

function queueCount(page: Page): Locator {
  return page.getByTestId('queue-count');
}

function queueItem(page: Page, text: string | RegExp): Locator {
  return page.locator('li.iacs-queue-item').filter({ hasText: text });
}

async function askFor(page: Page, choice: string | RegExp): Promise<void> {
  await goTo(page, 'Ask for access', '/ask', 'Ask for access');
  await page.getByRole('radio', { name: choice }).check();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

/** The organization search of the Ask for access forms: search, then tick or choose a result. */
async function pickOrganization(page: Page, search: string, name: string): Promise<void> {
  await page.getByLabel(/^Search approved organizations/).fill(search);
  await page.getByLabel(/^Search approved organizations/).press('Enter');
  // One organization: a radio group; several: a group of checkboxes.
  const results = page
    .getByRole('radiogroup', { name: /^Search results/ })
    .or(page.getByRole('group', { name: /^Search results/ }));
  await results.getByLabel(new RegExp(`^${name}`)).check();
}

async function fillOrganization(page: Page, organization: OrganizationData, zip = '62701'): Promise<void> {
  await page.getByLabel(/^Legal business name/).fill(organization.name);
  await page.getByLabel(/^Taxpayer Identification Number/).fill(tinFor(organization.seed));
  await page.getByLabel(/^National Provider Identifier/).fill(validNpi(organization.seed));
  await page.getByLabel(/^Street address$/).fill('1 Main Street');
  await page.getByLabel(/^City/).fill(organization.city);
  await page.getByLabel(/^State/).fill('IL');
  await page.getByLabel(/^ZIP code/).fill(zip);
}

async function registerOrganization(page: Page, organization: OrganizationData): Promise<void> {
  await askFor(page, /^Register an organization and be its Security Official/);
  await fillOrganization(page, organization);
  await page.getByRole('button', { name: 'Send registration' }).click();
  await expect(page.getByTestId('submitted-requests')).toContainText(`Register ${organization.name} and be its Security Official`);
  await expect(page.getByTestId('submitted-requests')).toContainText('Waiting on Helen Desk');
}

/** A secondary person: an account through the API, then their browser on My roles. */
async function arrive(
  openBrowser: (label: string) => Promise<PersonBrowser>,
  mailbox: Mailbox,
  person: Person,
): Promise<Page> {
  const browser = await openBrowser(person.name);
  await signUpThroughApi(browser.context.request, mailbox, person);
  await browser.page.goto('/');
  await expectPage(browser.page, '/', 'My roles');
  await expect(mainNav(browser.page)).toBeVisible();
  return browser.page;
}

test('the article story: an organization, its people, and a billing company serving three organizations', async ({
  page: sally,
  openBrowser,
  mailbox,
  expectAccessible,
  request,
}) => {
  test.setTimeout(240_000);
  const sallyPerson = newPerson('Sally Official');
  const ugo = newPerson('Ugo Admin');
  const emma = newPerson('Emma User');
  const bob = newPerson('Bob Backup');
  const otto = newPerson('Otto Official');
  const pat = newPerson('Pat Leaving');
  const abe = newPerson('Abe Billing');

  await test.step('Sally signs up in the UI and confirms her e-mail with the code from the mail', async () => {
    await sally.goto('/sign-up');
    await sally.getByLabel('Work e-mail address').fill(sallyPerson.email);
    await sally.getByLabel('Full name').fill(sallyPerson.name);
    await sally.getByLabel(/^Password/).fill(sallyPerson.password);
    await sally.getByLabel('I have read and accept the rules of behavior').check();
    const since = Date.now() - 1_000;
    await sally.getByRole('button', { name: 'Create account' }).click();
    await expectPage(sally, '/confirm-email', 'Confirm your e-mail address');
    await sally.getByLabel('Confirmation code').fill(await mailbox.waitForCode(sallyPerson.email, { since }));
    await sally.getByRole('button', { name: 'Confirm e-mail address' }).click();
    await expectPage(sally, '/', 'My roles');
    await expect(sally.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
    // No approver role yet: the header offers no queue, no certification, no billing dashboard, no help
    // desk; the mail log, since the server runs in development.
    await expect(mainNav(sally).getByRole('link')).toHaveText(['My roles', 'My requests', 'Ask for access', 'Audit log', 'Mail log']);
  });

  await test.step('Sally registers Provider Organization XYZ (R6, R11): errors next to their fields, then sent', async () => {
    await askFor(sally, /^Register an organization and be its Security Official/);
    await expect(sally.getByRole('heading', { name: 'DMEPOS suppliers: do not register at this time' })).toBeVisible();
    await expectAccessible(sally, '/ask?kind=organization');
    await fillOrganization(sally, xyz, '6270');
    await choose(sally, /Provider type/, 'DMEPOS supplier (registration closed)');
    await sally.getByRole('button', { name: 'Send registration' }).click();
    // R11: the closure and the bad ZIP code (path ["address","zip"]) each sit next to their field.
    const zip = sally.getByLabel(/^ZIP code/);
    await expect(zip).toHaveAttribute('aria-invalid', 'true');
    await expect(zip).toHaveAccessibleDescription(/ZIP code is 5 digits/);
    await expect(sally.getByRole('button', { name: /Provider type/ })).toHaveAccessibleDescription(/DMEPOS/);
    await expectAccessible(sally, '/ask?kind=organization with errors');
    await screenshot(sally, 'ask-organization-errors');
    await choose(sally, /Provider type/, 'Hospital');
    await zip.fill('62701');
    await sally.getByRole('button', { name: 'Send registration' }).click();
    await expect(sally.getByTestId('submitted-requests')).toContainText('Register Provider Organization XYZ and be its Security Official');
    await expect(sally.getByTestId('submitted-requests')).toContainText('Waiting on Helen Desk');
    await expectAccessible(sally, '/ask (request sent)');
    await goTo(sally, 'My requests', '/requests', 'My requests');
    const row = sally.getByRole('row').filter({ hasText: 'Register Provider Organization XYZ' });
    await expect(row).toContainText('Pending');
    await expect(row).toContainText('Waiting on Helen Desk');
    await expectAccessible(sally, '/requests');
  });

  // The other people arrive at once (API sign-up, see above), each in a browser of their own.
  const welcome = (person: Person) => arrive(openBrowser, mailbox, person);
  const [ottoPage, patPage, ugoPage, bobPage, emmaPage, abePage] = await test.step('The other people sign up', () =>
    Promise.all([welcome(otto), welcome(pat), welcome(ugo), welcome(bob), welcome(emma), welcome(abe)]),
  );

  await test.step('Two more organizations register: Lakeview Clinic (Otto) and Riverside Hospital (Pat)', async () => {
    await Promise.all([registerOrganization(ottoPage, lakeview), registerOrganization(patPage, riverside)]);
  });

  const helen = (await openBrowser('Helen Desk')).page;
  await test.step('The help desk approves the three registrations at once from its console (R7)', async () => {
    await helen.goto('/');
    await expect(helen).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/');
    await signIn(helen, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
    await expectPage(helen, '/', 'My roles');
    // The help desk is shared with the other specs running beside this one (their registrations pass through
    // it too), so the story picks its own three requests rather than counting the whole queue.
    await expect(queueCount(helen)).toHaveText(/^[1-9]\d* waiting/);
    await goTo(helen, 'Help desk', '/help-desk', 'Help desk console');
    const registrations = [xyz, lakeview, riverside].map((organization) =>
      queueItem(helen, `Register ${organization.name} and be its Security Official`),
    );
    for (const registration of registrations) {
      await expect(registration).toBeVisible();
    }
    await expectAccessible(helen, '/help-desk');
    await screenshot(helen, 'help-desk-console');
    for (const registration of registrations) {
      await registration.getByRole('checkbox', { name: /^Select / }).check();
    }
    await expect(helen.getByTestId('selected-count')).toHaveText('3 selected');
    await helen.getByRole('button', { name: 'Approve selected (3)' }).click();
    const outcomes = helen.getByTestId('decision-outcomes');
    await expect(outcomes).toContainText('3 requests approved');
    for (const registration of registrations) {
      await expect(registration).toHaveCount(0);
    }
  });

  await test.step('Sally is the SO of XYZ, approved by the help desk', async () => {
    await goTo(sally, 'My roles', '/', 'My roles');
    const role = sally.getByRole('row').filter({ hasText: 'Security Official' });
    await expect(role).toContainText('Helen Desk');
    await expect(sally.getByRole('heading', { name: 'Provider Organization XYZ' })).toBeVisible();
    await expect(mainNav(sally).getByRole('link', { name: /Approval queue/ })).toBeVisible();
  });

  await test.step('Ugo asks to create the Claims Team group and Bob to be a BSO of XYZ (R9, R12)', async () => {
    await askFor(ugoPage, /^Create a user group and administer it/);
    await pickOrganization(ugoPage, 'XYZ', xyz.name);
    await expect(ugoPage.getByTestId('chosen-organization')).toContainText(xyz.name);
    await ugoPage.getByLabel(/^Group name/).fill('Claims Team');
    await expectAccessible(ugoPage, '/ask?kind=new-group');
    await ugoPage.getByRole('button', { name: 'Ask to create the group' }).click();
    await expect(ugoPage.getByTestId('submitted-requests')).toContainText('Create the user group “Claims Team” in Provider Organization XYZ');
    await expect(ugoPage.getByTestId('submitted-requests')).toContainText('Waiting on Sally Official');

    await askFor(bobPage, /^Become a Backup Security Official/);
    await pickOrganization(bobPage, 'Springfield', xyz.name);
    await bobPage.getByRole('button', { name: 'Ask to be a BSO' }).click();
    await expect(bobPage.getByTestId('submitted-requests')).toContainText('Be a Backup Security Official of Provider Organization XYZ');
    await expect(bobPage.getByTestId('submitted-requests')).toContainText('Waiting on Sally Official');
  });

  await test.step('Sally approves both at once, with the keyboard only', async () => {
    await sally.reload();
    await expect(queueCount(sally)).toHaveText(/^2/);
    await tabTo(sally, mainNav(sally).getByRole('link', { name: /Approval queue/ }));
    await sally.keyboard.press('Enter');
    await expectPage(sally, '/queue', 'Approval queue');
    await expect(sally.getByRole('heading', { level: 1 })).toBeFocused();
    await expectAccessible(sally, '/queue');
    await screenshot(sally, 'approval-queue');
    const groupItem = queueItem(sally, 'Claims Team');
    const bsoItem = queueItem(sally, 'Be a Backup Security Official');
    await expect(groupItem).toContainText('Asked by Ugo Admin');
    await tabTo(sally, groupItem.getByRole('checkbox'));
    await sally.keyboard.press('Space');
    await tabTo(sally, bsoItem.getByRole('checkbox'));
    await sally.keyboard.press('Space');
    await expect(sally.getByTestId('selected-count')).toHaveText('2 selected');
    const approveSelected = sally.getByRole('button', { name: 'Approve selected (2)' });
    await tabTo(sally, approveSelected, { backwards: true });
    await sally.keyboard.press('Enter');
    // Focus goes to the outcome of the decisions, above the list.
    const outcomes = sally.getByTestId('decision-outcomes');
    await expect(outcomes).toContainText('2 requests approved');
    await expect(sally.locator(':focus')).toContainText('2 requests approved');
    await expect(sally.getByText('Nothing is waiting for you')).toBeVisible();
    await expect(queueCount(sally)).toHaveText(/^0/);
    await expectAccessible(sally, '/queue after the decisions');
  });

  await test.step('Emma asks to join Claims Team; Ugo approves (R13)', async () => {
    await askFor(emmaPage, /^Join a user group as an end user/);
    await pickOrganization(emmaPage, 'provider organization', xyz.name);
    await emmaPage.getByRole('radio', { name: /^Claims Team/ }).check();
    await expectAccessible(emmaPage, '/ask?kind=join-group');
    await emmaPage.getByRole('button', { name: 'Ask to join' }).click();
    await expect(emmaPage.getByTestId('submitted-requests')).toContainText('Waiting on Ugo Admin');

    await ugoPage.reload();
    await expect(queueCount(ugoPage)).toHaveText(/^1/);
    await goTo(ugoPage, /Approval queue/, '/queue', 'Approval queue');
    const item = queueItem(ugoPage, 'Join the user group “Claims Team”');
    await expect(item).toContainText('Asked by Emma User');
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(ugoPage.getByTestId('decision-outcomes')).toContainText('1 request approved');
    await goTo(ugoPage, 'My roles', '/', 'My roles');
    await expect(ugoPage.getByRole('row').filter({ hasText: 'User Group Administrator' })).toContainText('Sally Official');
  });

  await test.step('Emma and Bob see their roles, and who approved them', async () => {
    await goTo(emmaPage, 'My roles', '/', 'My roles');
    await expect(emmaPage.getByRole('heading', { name: 'Claims Team' })).toBeVisible();
    const role = emmaPage.getByRole('row').filter({ hasText: 'End user' });
    await expect(role).toContainText('Ugo Admin');
    await expect(role.getByRole('button', { name: /^Give up this role/ })).toBeVisible();
    await expectAccessible(emmaPage, '/ (My roles of an end user)');
    await screenshot(emmaPage, 'my-roles');
    await goTo(bobPage, 'My roles', '/', 'My roles');
    await expect(bobPage.getByRole('row').filter({ hasText: 'Backup Security Official' })).toContainText('Sally Official');
  });

  await test.step('Pat, the SO of Riverside Hospital, gives up the role: Riverside has no SO any more (R29)', async () => {
    await goTo(patPage, 'My roles', '/', 'My roles');
    await patPage.getByRole('button', { name: /^Give up this role\W+Security Official of Riverside Hospital/ }).click();
    const dialog = patPage.getByRole('dialog', { name: 'Give up this role?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(patPage, '/ with the give-up dialog');
    await dialog.getByLabel(/^Reason/).fill('I am leaving the hospital');
    await dialog.getByRole('button', { name: 'Give up the role' }).click();
    await expect(patPage.getByText('You are no longer Security Official of Riverside Hospital.')).toBeVisible();
    await expect(patPage.getByRole('heading', { name: 'You have no roles yet' })).toBeVisible();
  });

  await test.step('The billing company asks to serve three organizations in one submission (R16-R20)', async () => {
    await askFor(abePage, /^Serve organizations as a billing company/);
    await abePage.getByLabel(/^Company name/).fill(company.name);
    await abePage.getByLabel(/^Company TIN/).fill(company.tin);
    await pickOrganization(abePage, 'XYZ', xyz.name);
    await pickOrganization(abePage, 'Lakeview', lakeview.name);
    await pickOrganization(abePage, 'Riverside', riverside.name);
    const chosen = abePage.getByTestId('chosen-organizations');
    await expect(chosen.getByRole('listitem')).toHaveCount(3);
    await abePage.getByRole('button', { name: 'Ask to serve 3 organizations' }).click();
    // Two went through; Riverside (no Security Official) is refused next to its name (field ["organizationIds","2"]).
    await expect(abePage.getByRole('heading', { name: 'Sent for 2 organizations' })).toBeVisible();
    await expect(abePage.getByText(/Serve Provider Organization XYZ for Surrogate Billing Company ABC/)).toBeVisible();
    await expect(abePage.getByText(/Serve Lakeview Clinic for Surrogate Billing Company ABC/)).toBeVisible();
    await expect(chosen.getByRole('listitem')).toHaveCount(1);
    const refused = chosen.getByRole('listitem').filter({ hasText: riverside.name });
    await expect(refused).toContainText('Riverside Hospital is not approved in IACS yet');
    await expect(refused.getByRole('button', { name: /^Remove/ })).toHaveAccessibleDescription(/not approved in IACS yet/);
    await expectAccessible(abePage, '/ask?kind=surrogate with a refused organization');
    await screenshot(abePage, 'ask-surrogate-per-organization-errors');
    // The company now exists, but Abe administers it only once an organization approves its first surrogate
    // group (R35): no billing dashboard yet.
    await expect(mainNav(abePage).getByRole('link', { name: 'Billing company' })).toHaveCount(0);
  });

  await test.step('Bob (BSO) approves for XYZ', async () => {
    await bobPage.reload();
    await goTo(bobPage, /Approval queue/, '/queue', 'Approval queue');
    const item = queueItem(bobPage, 'Serve Provider Organization XYZ');
    await expect(item).toContainText('Asked by Abe Billing');
    await item.getByRole('button', { name: /^Approve/ }).click();
    await expect(bobPage.getByTestId('decision-outcomes')).toContainText('1 request approved');
  });

  await test.step('Otto denies for Lakeview with a reason, with the keyboard only (R26)', async () => {
    await ottoPage.reload();
    await expect(queueCount(ottoPage)).toHaveText(/^1/);
    await tabTo(ottoPage, mainNav(ottoPage).getByRole('link', { name: /Approval queue/ }));
    await ottoPage.keyboard.press('Enter');
    await expectPage(ottoPage, '/queue', 'Approval queue');
    const item = queueItem(ottoPage, 'Serve Lakeview Clinic');
    // The requester's context: Abe's other request (for XYZ) and roles (UGA of the company, and of its new XYZ group).
    const about = item.getByRole('button', { name: /^About Abe Billing: 2 roles, 1 other request/ });
    await tabTo(ottoPage, about);
    await ottoPage.keyboard.press('Enter');
    await expect(item).toContainText('User Group Administrator of Surrogate Billing Company ABC');
    await expect(item).toContainText('Serve Provider Organization XYZ for Surrogate Billing Company ABC');
    await expectAccessible(ottoPage, '/queue with the requester context open');
    await tabTo(ottoPage, item.getByRole('button', { name: /^Deny…/ }));
    await ottoPage.keyboard.press('Enter');
    const reason = item.getByLabel(/^Reason for denying/);
    await expect(reason).toBeFocused();
    await tabTo(ottoPage, item.getByRole('button', { name: /^Deny request/ }));
    await ottoPage.keyboard.press('Enter');
    // R26: no reason, no denial; the message sits with the field, which gets the focus back.
    await expect(reason).toBeFocused();
    await expect(reason).toHaveAccessibleDescription(/Say why the request is denied/);
    await ottoPage.keyboard.type(denialReason);
    await tabTo(ottoPage, item.getByRole('button', { name: /^Deny request/ }));
    await ottoPage.keyboard.press('Enter');
    await expect(ottoPage.getByTestId('decision-outcomes')).toContainText('1 request denied');
    await expect(ottoPage.locator(':focus')).toContainText('1 request denied');
    await expect(queueCount(ottoPage)).toHaveText(/^0/);
  });

  await test.step('The company dashboard shows every association, with its decision and people (R17)', async () => {
    // Bob's approval made Abe the company's administrator (R35): the billing dashboard is offered now.
    await abePage.reload();
    await goTo(abePage, 'Billing company', '/billing', 'Billing company');
    const section = abePage.locator(`[data-company="${company.name}"]`);
    await expect(section.getByRole('heading', { name: company.name })).toBeVisible();
    await expect(section).toContainText('TIN ending 1111');
    // Abe alone administers it: one departure from nobody, said with what to do (R35).
    await expect(section.getByTestId('company-administrators')).toHaveText('Administrators: Abe Billing');
    await expect(section.getByRole('region', { name: /Only one administrator/ })).toBeVisible();
    const rows = section.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const xyzRow = rows.filter({ hasText: xyz.name });
    await expect(xyzRow).toContainText('Approved');
    await expect(xyzRow).toContainText('by Bob Backup');
    await expect(xyzRow).toContainText('No end users yet');
    const lakeviewRow = rows.filter({ hasText: lakeview.name });
    await expect(lakeviewRow).toContainText('Denied');
    await expect(lakeviewRow).toContainText(`Reason: ${denialReason}`);
    await expect(lakeviewRow).toContainText('by Otto Official');
    await expect(lakeviewRow).toContainText('No group (not approved)');
    await expectAccessible(abePage, '/billing');
    await screenshot(abePage, 'billing-company-dashboard');
    await goTo(abePage, 'My requests', '/requests', 'My requests');
    const denied = abePage.getByRole('row').filter({ hasText: 'Serve Lakeview Clinic' });
    await expect(denied).toContainText('Denied by Otto Official');
    await expect(denied).toContainText(`Reason: ${denialReason}`);
    await screenshot(abePage, 'my-requests');
  });

  await test.step('Sally sees her organization: officials, groups, the surrogate group; then its audit log', async () => {
    await goTo(sally, 'My roles', '/', 'My roles');
    await sally.getByRole('link', { name: xyz.name }).click();
    await expect(sally).toHaveURL((url) => url.pathname.startsWith('/organizations/'));
    await expect(sally.getByRole('heading', { level: 1 })).toHaveText(xyz.name);
    const officials = sally.getByRole('table', { name: 'Security Official and Backup Security Officials' });
    await expect(officials.getByRole('row').filter({ hasText: sallyPerson.email })).toContainText('Security Official');
    await expect(officials.getByRole('row').filter({ hasText: bob.email })).toContainText('Backup Security Official');
    // Sally may revoke her BSO (she approved him).
    await expect(officials.getByRole('button', { name: /^Revoke\W+Backup Security Official .* held by Bob Backup/ })).toBeVisible();
    const claims = sally.locator('[data-group="Claims Team"]');
    await expect(claims).toContainText('Administrators: Ugo Admin');
    await expect(claims.getByRole('row').filter({ hasText: 'Emma User' })).toContainText('End user');
    await expect(sally.getByRole('region', { name: 'Surrogate user groups' })).toContainText(`Surrogate group of ${company.name}`);
    await expectAccessible(sally, '/organizations/:id');
    await screenshot(sally, 'organization-page');
    await sally.getByRole('link', { name: 'Audit log of this organization' }).click();
    await expect(sally.getByRole('heading', { level: 1 })).toHaveText('Audit log');
    await expect(sally.locator('tbody tr').filter({ hasText: 'Request approved' }).first()).toBeVisible();
    await expect(sally.locator('tbody tr').filter({ hasText: 'Role granted' }).first()).toContainText(xyz.name);
    await expectAccessible(sally, '/audit?organization=');
    await choose(sally, /Action$/, 'Request submitted');
    await sally.getByRole('button', { name: 'Show' }).click();
    await expect(sally).toHaveURL(/action=REQUEST_SUBMITTED/);
    const rows = sally.locator('tbody tr');
    await expect(rows.first()).toContainText('Request submitted');
    await expect(rows.filter({ hasNotText: 'Request submitted' })).toHaveCount(0);
    await screenshot(sally, 'audit-log');
  });

  await test.step('The help desk looks people and organizations up, sees nobody can approve for Riverside, unlocks Emma (R4, R37, R33)', async () => {
    expect(await lockAccount(request, emma.email)).toBe('ACCOUNT_LOCKED');
    await goTo(helen, 'Help desk', '/help-desk', 'Help desk console');
    const lookup = helen.getByLabel(/^Name, e-mail, user ID, NPI or tracking number/);
    await lookup.fill('Emma');
    await helen.getByRole('button', { name: 'Look up' }).click();
    const person = helen.getByRole('region', { name: /^People/ }).getByRole('row').filter({ hasText: emma.email });
    await expect(person).toContainText('End user in Claims Team (Provider Organization XYZ)');
    // R4: locked by five wrong passwords, until 15 minutes later; Unlock is offered for her only.
    await expect(person).toContainText(/Locked until \d{1,2}:\d{2}\s[AP]M/);
    await expect(helen.getByRole('region', { name: /^People/ }).getByRole('button', { name: /^Unlock/ })).toHaveCount(1);
    await person.getByRole('button', { name: `Unlock the account of ${emma.name}` }).click();
    await expect(helen.getByRole('heading', { name: 'Account unlocked' })).toBeVisible();
    await expect(person).toContainText('Not locked');
    await expect(person.getByRole('button')).toHaveCount(0);
    await expectAccessible(helen, '/help-desk with a look-up');
    await lookup.fill('Riverside');
    await helen.getByRole('button', { name: 'Look up' }).click();
    const found = helen.getByRole('region', { name: /^Organizations/ }).getByRole('listitem').filter({ hasText: riverside.name });
    // Riverside's SO gave up the role and it has no Backup: orphaned, not merely at risk (R37).
    await expect(found).toContainText('Nobody can approve');
    await expect(found).not.toContainText('At risk');
    await screenshot(helen, 'help-desk-lookup');
    await found.getByRole('link', { name: riverside.name }).click();
    await expect(helen.getByRole('heading', { level: 1 })).toHaveText(riverside.name);
    await expect(helen.getByRole('heading', { name: 'Nobody can approve for this organization' })).toBeVisible();
    await expectAccessible(helen, '/organizations/:id orphaned');
    await screenshot(helen, 'organization-orphaned');
  });

  await test.step('Session expiry: a protected page sends Emma to sign in, and back (?next=)', async () => {
    await emmaPage.context().clearCookies();
    await mainNav(emmaPage).getByRole('link', { name: 'My requests' }).click();
    await expect(emmaPage).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/requests');
    await expect(mainNav(emmaPage)).toHaveCount(0);
    // Unlocked by the help desk: the right password works again.
    await signIn(emmaPage, emma.email, emma.password);
    await expectPage(emmaPage, '/requests', 'My requests');
    await expect(emmaPage.getByRole('row').filter({ hasText: 'Join the user group “Claims Team”' })).toContainText('Approved by Ugo Admin');
  });
});
