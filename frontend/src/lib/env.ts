// The one place that reads the build-time environment; each value is checked here.

function sameOriginPath(name: string, value: string | undefined, fallback: string): string {
  const chosen = value === undefined || value === '' ? fallback : value;
  if (!chosen.startsWith('/') || chosen.startsWith('//')) {
    throw new Error(`${name} must be a same-origin path such as /graphql, got ${JSON.stringify(chosen)}`);
  }
  return chosen;
}

export const env = {
  graphqlUrl: sameOriginPath('VITE_GRAPHQL_URL', import.meta.env.VITE_GRAPHQL_URL, '/graphql'),
} as const;
