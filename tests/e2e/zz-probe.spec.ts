import { expect, test } from './fixtures';

test('axe catches an image without alt', async ({ page, expectAccessible }) => {
  await page.goto('/sign-in');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/favicon.svg';
    document.querySelector('main')?.append(img);
  });
  await expectAccessible(page, 'probe');
});

test('screens', async ({ page }) => {
  for (const path of ['/sign-up', '/sign-in']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: `/tmp/shot${path.replace('/', '-')}.png`, fullPage: true });
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.screenshot({ path: '/tmp/shot-sign-in-error.png', fullPage: true });
  await page.goto('/sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/shot-sign-up-errors.png', fullPage: true });
});
