// The profile (R5, R41): a person changes name and phone, the password, and the e-mail address with a
// code sent to the new address; axe checks the page in each state.
import { expect, test } from './fixtures';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, screenshot } from './support/ui';

test('change name and phone, password, and e-mail address on "My profile"', async ({ page, mailbox, expectAccessible }) => {
  const person = newPerson('Morgan Profile');
  await signUpThroughApi(page.request, mailbox, person);
  await page.goto('/');
  await page.getByRole('link', { name: 'My profile' }).click();
  await expectPage(page, '/profile', 'My profile');
  await expect(page.getByLabel('Full name')).toHaveValue(person.name);
  await expectAccessible(page, '/profile');

  // Name and phone: at once.
  await page.getByLabel('Full name').fill('Morgan Q. Profile');
  await page.getByLabel('Phone number (optional)').fill('+1 410 555 0199');
  await page.getByRole('button', { name: 'Save name and phone' }).click();
  await expect(page.getByRole('heading', { name: 'Saved' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('Morgan Q. Profile');

  // A wrong current password is refused next to its field.
  await page.getByLabel('Current password').fill('not-my-password-at-all');
  await page.getByLabel('New password').fill('Granite-Orchid-Lantern-61');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This is not your current password.').first()).toBeVisible();
  await expectAccessible(page, '/profile with a refused password');
  await page.getByLabel('Current password').fill(person.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { name: 'Your password was changed' })).toBeVisible();

  // The e-mail address: a code to the new one; nothing changes until it is entered.
  const newAddress = `moved.${person.email}`;
  const since = Date.now() - 1_000;
  await page.getByLabel('New e-mail address').fill(newAddress);
  await page.locator('input[name="password"]').fill('Granite-Orchid-Lantern-61');
  await page.getByRole('button', { name: 'Send a code to the new address' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for the code' })).toBeVisible();
  await expect(page.getByText(`Your account uses ${person.email}`)).toBeVisible();
  await expectAccessible(page, '/profile waiting for the code');
  await screenshot(page, 'profile-waiting-for-code');
  const code = await mailbox.waitForCode(newAddress, { since });
  await page.getByLabel('Code from the new address').fill(code);
  await page.getByRole('button', { name: 'Confirm the new address' }).click();
  await expect(page.getByRole('heading', { name: 'Your e-mail address was changed' })).toBeVisible();
  await expect(page.getByText(`Your account uses ${newAddress}`)).toBeVisible();
  // The old address is told (the password-change notice may arrive in the same moment: look for this one).
  await expect
    .poll(async () => (await mailbox.messagesTo(person.email)).map((mail) => mail.subject), { timeout: 30_000 })
    .toContain('The e-mail address of your IACS account was changed');
  await screenshot(page, 'profile-changed');
});
