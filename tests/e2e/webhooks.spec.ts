// Webhooks (the help desk): an endpoint added on the page receives a signed message on 127.0.0.1, the delivery
// and its attempt are shown, a failed one is sent again by hand, and the endpoint is deleted; axe at each state,
// at 1280 and 390 px.
import { createHmac, randomInt } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { envNames, requireEnv } from './support/paths';
import { newPerson, signUpThroughApi } from './support/people';
import { expectPage, goTo, screenshot, signIn } from './support/ui';
import { registerOrganization } from './support/world';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A receiver on 127.0.0.1 that answers every message with `answer.status`. */
async function startReceiver() {
  const received: Received[] = [];
  const answer = { status: 503 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: answer.status,
      });
      response.writeHead(answer.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/iacs-events`,
    received,
    answer,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function signatureOf(secret: string, message: Received): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${String(message.headers['webhook-id'])}.${String(message.headers['webhook-timestamp'])}.${message.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

test('the help desk adds an endpoint, sees a signed message delivered, resends a failed one and deletes it', async ({
  page,
  mailbox,
  openBrowser,
  expectAccessible,
}) => {
  const receiver = await startReceiver();
  try {
    await page.goto('/sign-in');
    await signIn(page, requireEnv(envNames.helpDeskEmail), requireEnv(envNames.helpDeskPassword));
    await goTo(page, 'Webhooks', '/webhooks', 'Webhooks');
    await expect(page.getByRole('heading', { name: 'Add an endpoint' })).toBeVisible();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/webhooks at ${String(width)} px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // A URL that could reach inside is refused next to its field.
    await page.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data');
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    await expect(
      page.getByText('The URL points to a private, local or reserved address; use a public one.'),
    ).toBeVisible();
    await expectAccessible(page, '/webhooks with a refused URL');

    // Only submissions, to the receiver on this machine.
    await page.getByLabel('URL').fill(receiver.url);
    for (const label of ['A request is approved or denied', 'A request expires', 'A request moves up a level']) {
      await page.getByLabel(label).uncheck();
    }
    for (const label of ['A role is granted', 'A role ends', 'A role is suspended', 'A role is restored']) {
      await page.getByLabel(label).uncheck();
    }
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    await expect(page.getByRole('heading', { name: 'Copy the signing secret now' })).toBeVisible();
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const endpoint = page.locator('li[data-webhook-id]').filter({ hasText: receiver.url });
    await expect(endpoint).toContainText('Told when: a request is submitted.');
    await expect(endpoint).toContainText('Nothing has been sent to it yet.');
    await expectAccessible(page, '/webhooks with the new secret');
    await page.getByRole('button', { name: 'I have saved it' }).click();

    // Someone registers an organization: the message is sent in the background; the receiver refuses it.
    const { page: other } = await openBrowser('Rita Register');
    const rita = newPerson('Rita Register');
    await signUpThroughApi(other.request, mailbox, rita);
    const submitted = await registerOrganization(other.request, {
      name: `Hookside Clinic ${rita.email}`,
      seed: randomInt(700_000, 799_999),
      city: 'Peoria',
    });
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.reload();
    const row = endpoint.locator('tr[data-delivery-status]').first();
    await expect(row).toContainText('A request is submitted');
    await expect(row).toContainText('The receiver answered HTTP 503.');
    await expect(row).toContainText('Waiting to be sent');

    // Sent again by hand, now that the receiver accepts: the same id, the same body, a signature that verifies.
    receiver.answer.status = 200;
    await row.getByRole('button', { name: 'Send again this message' }).click();
    await expect
      .poll(() => receiver.received.filter((message) => message.answered === 200).length, { timeout: 30_000 })
      .toBe(1);
    const [first] = receiver.received;
    const accepted = receiver.received.find((message) => message.answered === 200);
    if (first === undefined || accepted === undefined)
      throw new Error('a refused and an accepted message were expected');
    expect(new Set(receiver.received.map((message) => message.headers['webhook-id'])).size).toBe(1);
    expect(new Set(receiver.received.map((message) => message.body)).size).toBe(1);
    const body = JSON.parse(accepted.body) as { id: string; type: string; data: { requestId: string } };
    expect(body.type).toBe('request.submitted');
    expect(body.id).toBe(accepted.headers['webhook-id']);
    expect(body.data.requestId).toBe(submitted.id);
    expect(accepted.headers['webhook-signature']).toBe(signatureOf(secret, accepted));
    expect(first.headers['webhook-signature']).toBe(signatureOf(secret, first));
    await page.reload();
    await expect(endpoint.locator('tr[data-delivery-status="DELIVERED"]')).toContainText(body.id);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAccessible(page, `/webhooks with a delivery at ${String(width)} px`);
      const wider = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      const offenders = await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 8)
          .map((element) => `${element.tagName}.${element.className} ${String(element.getBoundingClientRect().right)}`),
      );
      expect(wider, `/webhooks at ${String(width)} px scrolls sideways by (${offenders.join('; ')})`).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'webhooks-delivered');

    // Deleted: nothing more is sent; it stays listed with its messages.
    await endpoint.getByRole('button', { name: `Delete the endpoint ${receiver.url}` }).click();
    await expect(endpoint).toContainText('Deleted');
    await expect(endpoint.getByRole('button', { name: /^Send again/ })).toHaveCount(0);
    await expectPage(page, '/webhooks', 'Webhooks');
  } finally {
    await receiver.close();
  }
});
