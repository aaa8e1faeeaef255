// Building an organization's people quickly, through the GraphQL API, for tests whose subject is
// something else (the live queue, explain why, the organization picture): each person acts from
// their own browser context's request (their session), the help desk from a request context of its
// own. Everything the tests then look at is done or checked in the UI.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { envNames, repoRoot, requireEnv } from './paths';
import { tinFor, validNpi } from './people';

const run = promisify(execFile);

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string }[];
}

interface UserErrors {
  errors: { code: string; message: string; field?: string[] | null }[];
}

export async function api<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as GraphQLBody<T>;
  if (body.data === undefined || (body.errors ?? []).length > 0) {
    throw new Error(`GraphQL failed: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

function expectNoErrors(what: string, payload: UserErrors): void {
  if (payload.errors.length > 0) throw new Error(`${what}: ${JSON.stringify(payload.errors)}`);
}

export interface SubmittedRequest {
  id: string;
  trackingNumber: string;
}

const requestFields = 'request { id trackingNumber } errors { code message field }';

const inputTypes: Record<string, string> = {
  requestOrganizationRegistration: 'OrganizationRegistrationInput',
  requestBackupSecurityOfficial: 'OrganizationRefInput',
  requestUserGroup: 'NewUserGroupInput',
  requestUserGroupMembership: 'UserGroupRefInput',
  approveRequest: 'DecisionInput',
  cancelRequest: 'RequestRefInput',
};

async function submit(request: APIRequestContext, mutation: string, input: Record<string, unknown>): Promise<SubmittedRequest> {
  const data = await api<Record<string, UserErrors & { request: SubmittedRequest | null }>>(
    request,
    `mutation ($input: ${inputTypes[mutation] ?? ''}!) { ${mutation}(input: $input) { ${requestFields} } }`,
    { input },
  );
  const payload = data[mutation];
  if (payload === undefined) throw new Error(`${mutation}: no payload`);
  expectNoErrors(mutation, payload);
  if (payload.request === null) throw new Error(`${mutation}: no request`);
  return payload.request;
}

export interface OrganizationData {
  name: string;
  seed: number;
  city: string;
}

/** R6: a provider organization's registration, with valid identifiers from `seed`. */
export function registerOrganization(request: APIRequestContext, organization: OrganizationData): Promise<SubmittedRequest> {
  return submit(request, 'requestOrganizationRegistration', {
    legalBusinessName: organization.name,
    tin: tinFor(organization.seed),
    npi: validNpi(organization.seed),
    providerType: 'HOSPITAL',
    community: 'PROVIDER_SUPPLIER',
    address: { line1: '1 Harbor Street', city: organization.city, state: 'IL', zip: '62701' },
  });
}

export function askToBeBackup(request: APIRequestContext, organizationId: string): Promise<SubmittedRequest> {
  return submit(request, 'requestBackupSecurityOfficial', { organizationId });
}

export function askForGroup(request: APIRequestContext, organizationId: string, name: string): Promise<SubmittedRequest> {
  return submit(request, 'requestUserGroup', { organizationId, name });
}

export function askToJoin(request: APIRequestContext, userGroupId: string): Promise<SubmittedRequest> {
  return submit(request, 'requestUserGroupMembership', { userGroupId });
}

export async function cancel(request: APIRequestContext, requestId: string): Promise<void> {
  await submit(request, 'cancelRequest', { requestId });
}

/** R16-R18: a new surrogate company asks to serve organizations (one request each). */
export async function askToServe(
  request: APIRequestContext,
  company: { name: string; tin: string },
  organizationIds: string[],
): Promise<SubmittedRequest[]> {
  const data = await api<{ requestSurrogateUserGroups: UserErrors & { requests: SubmittedRequest[] } }>(
    request,
    `mutation ($input: SurrogateUserGroupsInput!) {
      requestSurrogateUserGroups(input: $input) { requests { id trackingNumber } errors { code message field } }
    }`,
    { input: { company, organizationIds } },
  );
  expectNoErrors('requestSurrogateUserGroups', data.requestSurrogateUserGroups);
  return data.requestSurrogateUserGroups.requests;
}

export async function approve(request: APIRequestContext, requestId: string): Promise<void> {
  await submit(request, 'approveRequest', { requestId });
}

/** The organization a request is about, and the user group it created or joined, once decided. */
export async function requestScope(
  request: APIRequestContext,
  requestId: string,
): Promise<{ organizationId: string | null; userGroupId: string | null }> {
  const data = await api<{
    node: { organization: { id: string } | null; userGroup: { id: string } | null } | null;
  }>(request, `query ($id: ID!) { node(id: $id) { ... on AccessRequest { organization { id } userGroup { id } } } }`, {
    id: requestId,
  });
  return { organizationId: data.node?.organization?.id ?? null, userGroupId: data.node?.userGroup?.id ?? null };
}

/** The help desk (created by global setup), signed in in a request context of its own. */
export async function helpDeskApi(baseURL: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const data = await api<{ signIn: UserErrors }>(
    context,
    `mutation ($input: SignInInput!) { signIn(input: $input) { errors { code message field } } }`,
    { input: { login: requireEnv(envNames.helpDeskEmail), password: requireEnv(envNames.helpDeskPassword) } },
  );
  expectNoErrors('signIn (help desk)', data.signIn);
  return context;
}

/** The viewer's active role ids, by role name and scope name (group, organization or company). */
export async function myRoleIds(request: APIRequestContext): Promise<{ id: string; role: string; scope: string }[]> {
  const data = await api<{
    viewer: {
      roles: {
        id: string;
        role: string;
        organization: { legalBusinessName: string } | null;
        userGroup: { name: string } | null;
        company: { name: string } | null;
      }[];
    } | null;
  }>(request, `{ viewer { roles { id role organization { legalBusinessName } userGroup { name } company { name } } } }`);
  return (data.viewer?.roles ?? []).map((role) => ({
    id: role.id,
    role: role.role,
    scope: role.userGroup?.name ?? role.organization?.legalBusinessName ?? role.company?.name ?? '',
  }));
}

/**
 * R30 without waiting a year: moves a role's certification date (days from now; negative and
 * `suspended` for a role the job has suspended) directly in the test database. The browser tests
 * have no clock to move; the backend's tests cover the job itself with a controlled clock.
 */
export async function setCertification(roleGlobalId: string, days: number, suspended = false): Promise<void> {
  const roleId = Buffer.from(roleGlobalId, 'base64').toString('utf8').split(':')[1] ?? '';
  const databaseUrl = requireEnv(envNames.databaseUrl).replace(/^postgres(ql)?\+\w+:/, 'postgresql:');
  const script = `
import asyncio, sys
import asyncpg

async def main(url, role_id, days, suspended):
    connection = await asyncpg.connect(url)
    try:
        changed = await connection.execute(
            """UPDATE role_assignments
               SET certify_by = now() + make_interval(days => $2),
                   status = CASE WHEN $3 THEN 'SUSPENDED'::role_status ELSE 'ACTIVE'::role_status END,
                   suspended_at = CASE WHEN $3 THEN now() + make_interval(days => $2) ELSE NULL END
               WHERE id = $1::uuid""",
            role_id, days, suspended,
        )
        if changed != "UPDATE 1":
            sys.exit(f"role {role_id}: {changed}")
    finally:
        await connection.close()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"))
`;
  await run(join(repoRoot, '.venv', 'bin', 'python'), ['-c', script, databaseUrl, roleId, String(days), suspended ? '1' : '0'], {
    timeout: 30_000,
  });
}
