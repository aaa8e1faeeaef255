// The GraphQL-over-HTTP server audit of the `graphql-http` package, run against a running server.
//
//   node tests/http-audit/audit.mjs http://127.0.0.1:8000/graphql
//
// Prints one JSON object: how many audits passed ("ok"), failed a MUST ("error"), a SHOULD ("warn") or a
// MAY ("notice"), and the id, name and reason of every one that did not pass. Exits 1 when any audit failed
// or warned, 2 on a wrong invocation or a crash. tests/api/test_graphql_over_http.py runs it in `make test`.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (url === undefined || !/^https?:\/\//.test(url)) {
  console.error('usage: node tests/http-audit/audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}

const describe = (response) =>
  response === undefined
    ? undefined
    : { status: response.status, contentType: response.headers.get('content-type') };

try {
  const results = [];
  // One after the other: each audit is a request or two, and the server's log stays readable.
  for (const { fn } of serverAudits({ url })) results.push(await fn());
  const count = (status) => results.filter((result) => result.status === status).length;
  const summary = {
    url,
    total: results.length,
    ok: count('ok'),
    error: count('error'),
    warn: count('warn'),
    notice: count('notice'),
    problems: results
      .filter((result) => result.status !== 'ok')
      .map(({ id, name, status, reason, response }) => ({ id, name, status, reason, response: describe(response) })),
  };
  console.log(JSON.stringify(summary, null, 2));
  process.exit(summary.error > 0 || summary.warn > 0 ? 1 : 0);
} catch (error) {
  console.error(error);
  process.exit(2);
}
