// Small steps every story uses: where we are, signing in, the design system's dropdown, keyboard-only
// moves and the screenshots of the main pages.
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { screenshotsDir } from './paths';

export async function expectPage(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
}

export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('E-mail address or user ID').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The main navigation of the header. */
export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

export async function goTo(page: Page, link: string | RegExp, path: string, heading: string | RegExp): Promise<void> {
  await mainNav(page).getByRole('link', { name: link }).click();
  await expectPage(page, path, heading);
}

/** The CMS design system's Dropdown: a button that opens a listbox. */
export async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Keyboard only: presses Tab (or Shift+Tab) until `target` has the focus; fails if it never does. */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  for (let presses = 0; presses <= max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reachable with ${backwards ? 'Shift+Tab' : 'Tab'} in ${String(max)} presses: ${String(target)}`);
}

/** A full-page screenshot in test-results/screenshots/, named after the page. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}
