// GraphiQL for the IACS API, built with the SPA (its own entry, graphiql.html) and served by the
// backend at GET /graphql when GraphiQL is enabled. Everything it needs comes from this origin:
// the scripts, the styles and Monaco's web workers (set up for Vite below).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './graphiql.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultQuery } from './default-query';
import { createFetcher } from './fetcher';

const container = document.getElementById('graphiql');
if (container === null) throw new Error('graphiql.html has no #graphiql element (its <main>)');

const fetcher = createFetcher(window.location.href);
// The history of runs (GraphiQL's default) and the explorer, which builds operations by ticking fields.
const plugins = [HISTORY_PLUGIN, explorerPlugin()];

createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} plugins={plugins} defaultQuery={defaultQuery} isHeadersEditorEnabled>
      <GraphiQL.Logo>
        <h1 className="iacs-graphiql-title">
          <a href="/">IACS</a> API
        </h1>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
