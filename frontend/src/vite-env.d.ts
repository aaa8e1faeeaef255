/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the GraphQL endpoint is; a same-origin path (the session cookie is same-origin). */
  readonly VITE_GRAPHQL_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
