// The fixtures every end-to-end test uses: the backend started by global setup, a guard that keeps
// all browser traffic on 127.0.0.1, a watch on console errors, axe-core, and the captured mail.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { Mailbox } from './support/mailbox';
import { envNames, requireEnv } from './support/paths';

export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A person's own browser: a context of its own (own session cookie), with the same guards as `page`. */
export interface PersonBrowser {
  label: string;
  context: BrowserContext;
  page: Page;
}

interface Fixtures {
  mailbox: Mailbox;
  /**
   * Opens another person's browser, closed (and checked) when the test ends; on the shared backend, or on
   * another one (`baseURL`).
   */
  openBrowser: (label: string, options?: { baseURL?: string }) => Promise<PersonBrowser>;
  /** Runs axe on the page as it is now and expects exactly 0 violations. */
  expectAccessible: (page: Page, label: string) => Promise<void>;
}

/** Every browser request stays on 127.0.0.1; returns the list of those refused. */
async function keepOnLocalhost(context: BrowserContext): Promise<string[]> {
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
  return blocked;
}

/** Collects console errors and uncaught exceptions of a page. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(requireEnv(envNames.baseUrl));
  },

  context: async ({ context }, use) => {
    const blocked = await keepOnLocalhost(context);
    await use(context);
    expect(blocked, 'requests to anything but 127.0.0.1').toEqual([]);
  },

  page: async ({ page }, use) => {
    const problems = watchConsole(page);
    await use(page);
    expect(problems, 'errors in the browser console').toEqual([]);
  },

  openBrowser: async ({ browser, baseURL }, use) => {
    const opened: { label: string; context: BrowserContext; blocked: string[]; problems: string[] }[] = [];
    await use(async (label, options) => {
      const context = await browser.newContext({ baseURL: options?.baseURL ?? baseURL });
      const blocked = await keepOnLocalhost(context);
      const page = await context.newPage();
      const problems = watchConsole(page);
      opened.push({ label, context, blocked, problems });
      return { label, context, page };
    });
    for (const { label, context, blocked, problems } of opened) {
      await context.close();
      expect(blocked, `${label}: requests to anything but 127.0.0.1`).toEqual([]);
      expect(problems, `${label}: errors in the browser console`).toEqual([]);
    }
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
