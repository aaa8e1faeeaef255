// GraphiQL at /graphql works without the internet (issue 11): the page, its editor (Monaco) and the
// editor's web workers all come from the backend's own origin. The fixtures abort every request to a
// host other than 127.0.0.1 and fail the test if one was made (or if the console shows an error, such
// as a Content-Security-Policy refusal); here a person signed in through the API, in this browser,
// runs `{ viewer { email } }` and sees their own e-mail address in the result.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { axeTags, expect, test } from './fixtures';
import { newPerson, signUpThroughApi } from './support/people';
import { screenshot } from './support/ui';

/**
 * axe over the whole page, as the suite's expectAccessible does, except findings inside GraphiQL's own
 * widgets that this project does not write (third-party markup), each listed here with its reason.
 */
const graphiqlInternals = [
  {
    rule: 'nested-interactive',
    html: 'class="graphiql-tab',
    reason: "GraphiQL's operation tabs: each tab (role=tab) holds its own button, in the graphiql package's markup",
  },
];

async function expectAccessibleGraphiQL(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(axeTags).analyze();
  const violations = results.violations
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes
        .filter((node) => !graphiqlInternals.some((known) => known.rule === violation.id && node.html.includes(known.html)))
        .map((node) => node.target.join(' ')),
    }))
    .filter((violation) => violation.targets.length > 0);
  expect(violations, `axe-core violations on ${label}`).toEqual([]);
}

/** Replaces the text of GraphiQL's operation editor (Monaco) as a person would: select all, type. */
async function replaceOperation(page: Page, text: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor');
  // The editor is ready once it shows the starting document; on a loaded machine Monaco keeps the page busy
  // for a while after that (its workers and languages), so the first click may wait longer than usual.
  await expect(editor.locator('.view-lines')).toContainText('query\u00a0Me\u00a0{', { timeout: 30_000 });
  await editor.locator('.view-lines').click({ timeout: 30_000 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText types the whole text at once: no closing braces added by the editor along the way.
  await page.keyboard.insertText(text);
  await expect(editor.locator('.view-lines')).toHaveText(text.replace(/ /g, '\u00a0'));
  // GraphiQL reads the operations of the new text 100 ms after the last keystroke (a debounce). Until
  // then its run button still belongs to the document before: the starting one has three operations,
  // so the button only opens a menu to pick one of them, and a click runs nothing (on a slow machine the
  // click came first: no request, no WebSocket). Each text here has one operation: wait until the button
  // runs it, a plain button again.
  await expect(page.getByRole('button', { name: /^Execute query/ })).not.toHaveAttribute('aria-haspopup', 'menu');
}

test('GraphiQL runs a query as the signed-in person with every other host blocked', async ({ page, baseURL, mailbox }) => {
  const origin = new URL(baseURL ?? '').origin;
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  const person = newPerson('Gwen Graphiql');
  await signUpThroughApi(page.request, mailbox, person); // this browser context now holds the session

  const response = await page.goto('/graphql');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('GraphiQL · IACS API');
  await expect(page.getByRole('heading', { level: 1, name: 'IACS API' })).toBeVisible();
  // The starting document shows the main queries.
  const operationEditor = page.locator('.graphiql-query-editor .monaco-editor .view-lines');
  await expect(operationEditor).toContainText('query\u00a0Me\u00a0{');

  await replaceOperation(page, '{ viewer { email } }');
  await page.getByRole('button', { name: /^Execute query/ }).click();
  const result = page.locator('.result-window .monaco-editor .view-lines');
  await expect(result).toContainText(`"email":\u00a0"${person.email}"`);

  // Everything came from the backend: the page, its scripts and styles, the editor's workers.
  expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(requested.some((url) => new URL(url).pathname.startsWith('/assets/graphiql-'))).toBe(true);
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.filter((url) => !url.startsWith(`${origin}/assets/`))).toEqual([]);

  await expectAccessibleGraphiQL(page, 'GraphiQL at 1280 px');
  await screenshot(page, 'graphiql');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(result).toContainText('"email"'); // the e-mail address wraps at this width
  await expectAccessibleGraphiQL(page, 'GraphiQL at 390 px');
  await screenshot(page, 'graphiql-390');
});

test('a subscription in GraphiQL opens the same-origin WebSocket as the signed-in person', async ({ page, baseURL, mailbox }) => {
  const sockets: string[] = [];
  const received: string[] = [];
  page.on('websocket', (socket) => {
    sockets.push(socket.url());
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
  });
  await signUpThroughApi(page.request, mailbox, newPerson('Sam Subscriber'));

  await page.goto('/graphql');
  await replaceOperation(page, 'subscription { approvalQueue { kind totalCount } }');
  await page.getByRole('button', { name: /^Execute query/ }).click();

  // The server accepts a socket only with a valid session (it closes it otherwise): acknowledged means signed in.
  await expect.poll(() => received).toContainEqual('{"type":"connection_ack"}');
  const origin = new URL(baseURL ?? '');
  expect(sockets).toEqual([`ws://${origin.host}/graphql`]);
  await expect(page.getByRole('button', { name: /^Stop/ })).toBeVisible(); // listening, no error
});
