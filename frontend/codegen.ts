import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the committed schema.graphql, never from a live server.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// codegen:check generates into a temporary folder and compares it with the committed one.
const outDir = process.env.CODEGEN_OUT_DIR ?? `${repoRoot}frontend/src/gql/`;

const config: CodegenConfig = {
  schema: `${repoRoot}schema.graphql`,
  documents: [`${repoRoot}frontend/src/**/*.{ts,tsx}`, `!${repoRoot}frontend/src/gql/**`],
  ignoreNoDocuments: false,
  generates: {
    [outDir.endsWith('/') ? outDir : `${outDir}/`]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json (sha256 -> document text) is the server's list of trusted documents
        // (IACS_TRUSTED_DOCUMENTS); every generated document carries its hash in `__meta__.hash`.
        persistedDocuments: { mode: 'embedHashInDocument', hashPropertyName: 'hash', hashAlgorithm: 'sha256' },
      },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        skipTypename: true,
      },
    },
  },
};

export default config;
