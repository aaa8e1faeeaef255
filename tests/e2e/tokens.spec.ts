// Personal API tokens (R43) and downloads: a person makes a token on "My profile", sees it once, a script uses
// it, the person revokes it and the script is refused; the audit log downloads as a spreadsheet. axe at 1280
// and 390 px.
import { expect, test } from './fixtures';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, screenshot } from './support/ui';

const viewerQuery = { query: '{ viewer { name } }' };

test('make, use and revoke an API token; download the audit log', async ({ page, mailbox, expectAccessible }) => {
  const person = newPerson('Tess Token');
  await signUpThroughApi(page.request, mailbox, person);
  await page.goto('/');
  await page.getByRole('link', { name: 'My profile' }).click();
  await expectPage(page, '/profile', 'My profile');
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await expect(page.getByText('You have no API tokens.')).toBeVisible();
  await expectAccessible(page, '/profile without tokens');

  // A name is required; the error is next to its field.
  await page.getByRole('button', { name: 'Make a token' }).click();
  await expect(page.getByText('Name is required.').first()).toBeVisible();

  await page.getByLabel('Token name').fill('Nightly report');
  await page.getByRole('button', { name: 'Make a token' }).click();
  await expect(page.getByRole('heading', { name: 'Copy your token “Nightly report” now' })).toBeVisible();
  const secret = await page.getByLabel('Your new token').inputValue();
  expect(secret).toMatch(/^iacs_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('row', { name: /Nightly report/ })).toContainText('Never');
  await expectAccessible(page, '/profile with a new token');
  await screenshot(page, 'profile-new-token');

  // A script: no cookie, the token in the Authorization header.
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const used = await page.request.fetch('/graphql', { method: 'POST', headers, data: viewerQuery });
  expect(await used.json()).toEqual({ data: { viewer: { name: person.name } } });

  // Shown once: after "I have saved it" the secret is gone from the page for good.
  await page.getByRole('button', { name: 'I have saved it' }).click();
  await expect(page.getByLabel('Your new token')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: /Nightly report/ })).not.toContainText('Never');

  // At 390 px the table stacks and stays readable.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page, '/profile at 390 px');
  await screenshot(page, 'profile-tokens-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Revoke the token Nightly report' }).click();
  await expect(page.getByText('You have no API tokens.')).toBeVisible();
  const refused = await page.request.fetch('/graphql', { method: 'POST', headers, data: viewerQuery });
  expect(refused.status()).toBe(401);

  // The audit log downloads as a spreadsheet, with what the page shows.
  await page.goto('/audit');
  await expectPage(page, '/audit', 'Audit log');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'spreadsheet (CSV)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8');
  expect(text.split('\r\n')[0]).toBe('id,occurredAt,action,actor,subject,organization,trackingNumber,details');
  expect(text).toContain('API_TOKEN_REVOKED');
  await expectAccessible(page, '/audit with its download links');
});
