// Issue 16, item 2: a billing company at scale. Its administrator's company serves 2,000 organizations (2,000
// surrogate associations; a User Group Administrator role in each of the 1,000 approved surrogate groups), seeded
// in bulk SQL in the test database. The billing company page and My roles read one page at a time from the server:
// the test pages, searches and filters, and checks that no answer carried more than one page of rows and that the
// page never rendered more. axe at 1280 and 390 px; nothing scrolls sideways at 390 px.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { envNames, repoRoot, requireEnv } from './support/paths';
import { newPerson, signUpThroughApi } from './support/people';
import { choose, expectPage, goTo } from './support/ui';

const run = promisify(execFile);
const pageSize = 25;

/** The company, its 2,000 organizations and requests (i % 4: 0 and 3 approved, 1 pending, 2 denied; states MD, VA,
 * DC, PA in turn), the surrogate groups of the approved ones with the administrator's role in each, and the
 * administrator's role in the company: one statement per table. */
async function seedCompany(email: string, stamp: string): Promise<void> {
  const databaseUrl = requireEnv(envNames.databaseUrl).replace(/^postgres(ql)?\+\w+:/, 'postgresql:');
  const script = `
import asyncio, sys
import asyncpg

async def main(url, email, stamp):
    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction():
            user_id = await connection.fetchval("SELECT id FROM users WHERE email = $1", email)
            company_id = await connection.fetchval(
                "INSERT INTO surrogate_companies (name, tin) VALUES ($1, $2) RETURNING id",
                f"Scale Billing {stamp}", f"7{stamp}00"[:9],
            )
            await connection.execute("""
                CREATE TEMP TABLE scale ON COMMIT DROP AS
                SELECT i, gen_random_uuid() AS org_id, gen_random_uuid() AS group_id, gen_random_uuid() AS request_id,
                       (ARRAY['MD','VA','DC','PA'])[1 + i % 4] AS state,
                       CASE i % 4 WHEN 1 THEN 'PENDING' WHEN 2 THEN 'DENIED' ELSE 'APPROVED' END AS status
                FROM generate_series(1, 2000) AS i""")
            await connection.execute("""
                INSERT INTO organizations (id, legal_business_name, kind, provider_type, community, npi, tin,
                    address_line1, city, state, zip, status, decided_at)
                SELECT org_id, 'Scale Org ' || $1 || ' ' || lpad(i::text, 4, '0'), 'PROVIDER', 'HOSPITAL',
                    'PROVIDER_SUPPLIER', '18' || $1 || lpad(i::text, 4, '0'), '9' || $1 || lpad(i::text, 4, '0'),
                    '1 Main Street', 'Baltimore', state, '21201', 'APPROVED', now()
                FROM scale""", stamp[:4])
            await connection.execute("""
                INSERT INTO user_groups (id, organization_id, kind, company_id, name)
                SELECT group_id, org_id, 'SURROGATE', $1, 'Scale Billing for org ' || lpad(i::text, 4, '0')
                FROM scale WHERE status = 'APPROVED'""", company_id)
            await connection.execute("""
                INSERT INTO access_requests (id, tracking_number, kind, status, requester_id, organization_id,
                    user_group_id, company_id, approver_relation, created_at, expires_at, decided_at, reason,
                    escalated_relations)
                SELECT request_id, 'SC-' || $3 || '-' || lpad(i::text, 4, '0'), 'CREATE_SURROGATE_USER_GROUP',
                    status::request_status, $1, org_id, CASE WHEN status = 'APPROVED' THEN group_id END, $2,
                    'ORGANIZATION_OFFICIALS', now() - make_interval(mins => i), now() + interval '30 days',
                    CASE WHEN status <> 'PENDING' THEN now() END,
                    CASE WHEN status = 'DENIED' THEN 'Not a client of ours.' END, '{}'::varchar[]
                FROM scale""", user_id, company_id, stamp)
            await connection.execute("""
                INSERT INTO role_assignments (user_id, role, organization_id, user_group_id, company_id, request_id,
                    granted_at, certify_by)
                SELECT $1::uuid, 'USER_GROUP_ADMINISTRATOR'::role, org_id, group_id, $2::uuid, request_id, now(),
                    now() + interval '364 days'
                FROM scale WHERE status = 'APPROVED'
                UNION ALL
                SELECT $1::uuid, 'USER_GROUP_ADMINISTRATOR'::role, NULL, NULL, $2::uuid, request_id, now(),
                    now() + interval '364 days'
                FROM scale WHERE i = 4""", user_id, company_id)
    finally:
        await connection.close()

asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
`;
  await run(join(repoRoot, '.venv', 'bin', 'python'), ['-c', script, databaseUrl, email, stamp], { timeout: 60_000 });
}

/** The SPA's operations by the document id it sends (frontend/src/gql/persisted-documents.json): "Viewer", … */
function operationNames(): Map<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(repoRoot, 'frontend', 'src', 'gql', 'persisted-documents.json'), 'utf8'),
  ) as Record<string, string>;
  return new Map(
    Object.entries(manifest).map(([id, text]) => [id, /\b(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? id]),
  );
}

/** Counts the rows of every GraphQL answer the page receives, per operation (the app shell's Viewer included). */
function watchAnswers(page: Page): { largest: Map<string, number> } {
  const names = operationNames();
  const largest = new Map<string, number>();
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname !== '/graphql') return;
    void (async () => {
      const body = (await response.json().catch(() => null)) as { data?: unknown } | null;
      const sent = (response.request().method() === 'POST' ? response.request().postDataJSON() : null) as {
        documentId?: string;
      } | null;
      const name = sent?.documentId === undefined ? response.url() : (names.get(sent.documentId) ?? sent.documentId);
      const rows = countRows(body?.data);
      largest.set(name, Math.max(largest.get(name) ?? 0, rows));
    })();
  });
  return { largest };
}

/** The longest list anywhere in an answer: a page's `edges`, or a plain list such as a person's `roles`. */
function countRows(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(countRows));
  if (value === null || typeof value !== 'object') return 0;
  return Math.max(0, ...Object.values(value).map(countRows));
}

test('a billing company serving 2,000 organizations: one page at a time, searched and filtered', async ({
  page,
  mailbox,
  expectAccessible,
}) => {
  const stamp = String(Date.now()).slice(-6);
  const company = `Scale Billing ${stamp}`;
  const abe = newPerson('Abe Scale');
  await signUpThroughApi(page.context().request, mailbox, abe);
  await seedCompany(abe.email, stamp);
  const answers = watchAnswers(page);

  await page.goto('/'); // signed in by signing up (the page's context shares the cookie)
  await expectPage(page, '/', 'My roles');

  await test.step('the billing company page: counts for the whole company, 25 organizations a page', async () => {
    await goTo(page, 'Billing company', '/billing', 'Billing company');
    const section = page.locator(`[data-company="${company}"]`);
    await expect(section).toContainText('serves 1,000 organizations · 500 waiting');
    await expect(section.getByTestId('association-counts')).toHaveText(/Pending: 500.*Approved: 1,000.*Denied: 500/);
    const rows = section.locator('tbody tr');
    await expect(rows).toHaveCount(pageSize);
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 1–25 of 2,000 organizations');
    await expect(rows.first()).toContainText(`Scale Org ${stamp.slice(0, 4)} 0001`);
    await expectAccessible(page, '/billing with 2,000 organizations');

    await section.getByRole('button', { name: 'Next page' }).click();
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 26–50 of 2,000 organizations');
    await expect(rows).toHaveCount(pageSize);
    await expect(rows.first()).toContainText(`Scale Org ${stamp.slice(0, 4)} 0026`);
    await section.getByRole('button', { name: 'Previous page' }).click();
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 1–25 of 2,000 organizations');

    // search by name, then by state and status together
    await section.getByLabel('Organization name or NPI').fill(`Org ${stamp.slice(0, 4)} 012`);
    await section.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 1–10 of 10 organizations');
    await expect(rows).toHaveCount(10);
    await section.getByRole('button', { name: 'Clear' }).click();
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 1–25 of 2,000 organizations');
    await section.getByLabel(/^State/).fill('va');
    await choose(page, /Status$/, 'Denied (500)');
    await section.getByRole('button', { name: 'Show', exact: true }).click();
    // VA is i % 4 == 1, all of them pending: none is denied
    await expect(section.getByTestId('associations-empty')).toHaveText('No organization matches these filters.');
    await choose(page, /Status$/, 'Pending (500)');
    await section.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(section.getByTestId('associations-shown')).toHaveText('Showing 1–25 of 500 organizations');
    await expect(rows.filter({ hasText: 'Pending' })).toHaveCount(pageSize);
    await expect(rows.filter({ hasText: ', VA ·' })).toHaveCount(pageSize);

    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, '/billing with 2,000 organizations at 390 px');
    const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wider, 'sideways scrolling at 390 px').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await test.step('My roles: 1,001 roles, 25 a page, searched and narrowed to one organization', async () => {
    await goTo(page, 'My roles', '/', 'My roles');
    await expect(page.getByTestId('roles-shown')).toHaveText('Showing 1–25 of 1,001 roles');
    await expect(page.locator('tbody tr')).toHaveCount(pageSize);
    // What they can decide and what their leaving would leave: the first 25 of each, and how many more
    const rights = page.getByTestId('decision-rights');
    await expect(rights.getByRole('listitem')).toHaveCount(pageSize + 1);
    await expect(rights.getByTestId('more-listed')).toHaveText('and 976 more');
    await expect(page.getByText('Roles that would end (1,001)')).toBeVisible();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByTestId('roles-shown')).toHaveText('Showing 26–50 of 1,001 roles');
    await expect(page.locator('tbody tr')).toHaveCount(pageSize);
    await page.getByLabel('Organization, group or company').fill('org 0400');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page.getByTestId('roles-shown')).toHaveText('Showing 1–1 of 1 role');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await page.getByRole('button', { name: /^Only my roles in this organization/ }).click();
    await expect(page.getByTestId('role-organization-filter')).toContainText(`Scale Org ${stamp.slice(0, 4)} 0400`);
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expectAccessible(page, '/ (My roles, 1,001 roles, one organization)');
    await page.getByRole('button', { name: 'Show all my roles' }).click();
    await expect(page.getByTestId('roles-shown')).toHaveText('Showing 1–25 of 1,001 roles');
  });

  await test.step('the approval queue: an organization beyond the first 100 found by name for its filter', async () => {
    await goTo(page, /^Approval queue/, '/queue', 'Approval queue');
    const find = page.getByLabel(/^Find an organization/);
    await find.fill('org 0400');
    const picker = page.getByRole('button', { name: /Organization/ });
    await expect(picker).toContainText(`Scale Org ${stamp.slice(0, 4)} 0400`);
    await expectAccessible(page, '/queue (an organization found by name among 1,000)');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/queue' && url.searchParams.get('organization') !== null);
    await expect(picker).toContainText(`Scale Org ${stamp.slice(0, 4)} 0400`);
  });

  // no answer carried more than 25 rows, in a page (`edges`) or a plain list: the app shell's Viewer answer (which
  // once listed all 1,001 roles), the Standing in section's roles among them, and "what you can decide" (which once
  // listed a right and a role per group the administrator runs)
  for (const operation of ['Viewer', 'MyRoleAssignments', 'MyDelegations', 'CompanyAssociations', 'ViewerExplanation']) {
    expect(answers.largest.has(operation), `the ${operation} answer was watched`).toBe(true);
  }
  for (const [operation, rows] of answers.largest) expect(rows, operation).toBeLessThanOrEqual(pageSize);
  expect(Math.max(...answers.largest.values()), 'the pages were counted').toBe(pageSize);
});
