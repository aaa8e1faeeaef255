/** The Viewer query's `viewer`: signed in, address confirmed, no official role (or as overrides say). */
export function signedInViewer(
  overrides: { userId?: string; name?: string; email?: string; emailVerified?: boolean } = {},
) {
  return {
    id: 'VXNlcjox',
    userId: 'uma',
    name: 'Uma Admin',
    email: 'uma@example.test',
    community: 'PROVIDER_SUPPLIER',
    emailVerified: true,
    helpDeskRoles: { totalCount: 0 },
    approverRoles: { totalCount: 0 },
    administratorRoles: { totalCount: 0 },
    ...overrides,
  };
}
