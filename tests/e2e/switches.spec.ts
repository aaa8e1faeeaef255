// CMS's switches (R42, R11, R23) in the help desk console: the help desk closes a provider type with a reason
// (refused without one, next to the field), a person registering sees the closure and the reason, the help
// desk opens it again, publishes an application and closes it with a reason. axe at 1280 and 390 px; at
// 390 px nothing scrolls sideways. Hospice is closed only for the middle of the test and opened again, so
// the other specs on the shared backend see the provider types as they were.
import { expect, test } from './fixtures';
import { envNames, requireEnv } from './support/paths';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, goTo, screenshot, signIn } from './support/ui';

const reason = 'Hospice registration waits for the new enrollment rules; the help desk will tell you when it opens.';

test('the help desk closes and opens a provider type and publishes and closes an application', async ({
  page,
  openBrowser,
  mailbox,
  expectAccessible,
}) => {
  await page.goto('/sign-in');
  await signIn(page, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
  await goTo(page, 'Help desk', '/help-desk', 'Help desk console');
  const switches = page.getByRole('region', { name: 'Registration and applications' });
  await expect(switches.getByRole('cell', { name: 'DMEPOS supplier', exact: true })).toBeVisible();
  await expect(switches.getByText(/Registration of DMEPOS suppliers is closed by CMS/)).toBeVisible();
  await expectAccessible(page, '/help-desk switches');

  // Closing needs a reason: refused without one, the message next to the field.
  await switches.getByRole('button', { name: 'Close registration of Hospice' }).click();
  const reasonField = switches.getByLabel(/Reason people will see/);
  await expect(reasonField).toBeFocused();
  await switches.getByRole('button', { name: 'Close registration', exact: true }).click();
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await expect(reasonField).toHaveAccessibleDescription(/Reason is required/);
  await expectAccessible(page, '/help-desk closing without a reason');
  await reasonField.fill(reason);
  await switches.getByRole('button', { name: 'Close registration', exact: true }).click();
  await expect(switches.getByRole('heading', { name: 'Closed' })).toBeVisible();
  await expect(switches.getByRole('row').filter({ hasText: 'Hospice' })).toContainText(reason);

  // Someone registering an organization sees the closure and the reason.
  const registrant = await openBrowser('Rita Registrant');
  const person = newPerson('Rita Registrant');
  await signUpThroughApi(registrant.page.request, mailbox, person);
  await registrant.page.goto('/ask?kind=organization');
  await expect(registrant.page.getByRole('heading', { name: 'Hospices: do not register at this time' })).toBeVisible();
  await expect(registrant.page.getByText(reason)).toBeVisible();
  await registrant.page.getByRole('button', { name: /Provider type/ }).click();
  await expect(registrant.page.getByRole('option', { name: 'Hospice (registration closed)', exact: true })).toBeVisible();
  await registrant.page.keyboard.press('Escape');
  await expectAccessible(registrant.page, '/ask?kind=organization with Hospice closed');

  // Opened again: no reason asked.
  await switches.getByRole('button', { name: 'Open registration of Hospice' }).click();
  await expect(switches.getByRole('heading', { name: 'Opened' })).toBeVisible();
  await expect(switches.getByRole('button', { name: 'Close registration of Hospice' })).toBeVisible();

  // Publish an application, then close it with a reason.
  const name = `Claims status reports ${String(Date.now())}`;
  await switches.getByLabel('Name', { exact: true }).fill(name);
  await switches.getByLabel(/What it is for/).fill('Where a claim stands, for billing staff.');
  await switches.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(switches.getByRole('heading', { name: 'Published' })).toBeVisible();
  await switches.getByRole('button', { name: `Close ${name}` }).click();
  await switches.getByLabel(/Reason people will see/).fill('Moving to a new platform until March.');
  await switches.getByRole('button', { name: 'Close the application' }).click();
  await expect(switches.getByRole('heading', { name: 'Closed' })).toBeVisible();
  await expect(switches.getByRole('row').filter({ hasText: name })).toContainText('Moving to a new platform until March.');
  await expectAccessible(page, '/help-desk after the switches');
  await screenshot(page, 'help-desk-switches');

  // A phone: readable, axe-clean, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectPage(page, '/help-desk', 'Help desk console');
  await switches.scrollIntoViewIfNeeded();
  await expectAccessible(page, '/help-desk switches at 390 px');
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider, 'sideways scrolling at 390 px').toBeLessThanOrEqual(0);
  await screenshot(page, 'help-desk-switches-390');
});
