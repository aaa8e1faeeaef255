// The fixtures every end-to-end test uses: the backend started by global setup, a guard that keeps
// all browser traffic on 127.0.0.1, a watch on console errors, axe-core, and the captured mail.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { Mailbox } from './support/mailbox';
import { envNames, requireEnv } from './support/paths';

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface Fixtures {
  mailbox: Mailbox;
  /** Runs axe on the page as it is now and expects exactly 0 violations. */
  expectAccessible: (page: Page, label: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(requireEnv(envNames.baseUrl));
  },

  context: async ({ context }, use) => {
    const blocked: string[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') {
        await route.continue();
      } else {
        blocked.push(url.href);
        await route.abort('blockedbyclient');
      }
    });
    await use(context);
    expect(blocked, 'requests to anything but 127.0.0.1').toEqual([]);
  },

  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await use(page);
    expect(problems, 'errors in the browser console').toEqual([]);
  },

  mailbox: async ({}, use) => {
    await use(new Mailbox(requireEnv(envNames.mailDir)));
  },

  expectAccessible: async ({}, use) => {
    await use(async (page, label) => {
      const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
      const violations = results.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
      expect(violations, `axe-core violations on ${label}`).toEqual([]);
    });
  },
});

export { expect };
