// Pages under a strict Content-Security-Policy, for web-test-runner: GET /__csp/page.html
// ?id=… serves an empty page that loads playgate with the policy playgate promises to
// run under, reporting to /__csp/report?id=…; GET /__csp/reports?id=… lists what came.
// Each page has its own id, so Chromium and Firefox running at once never mix reports.

/** The policy in the README, with a report address. */
export const STRICT_POLICY = "script-src 'self'; style-src 'self'; object-src 'none'; require-trusted-types-for 'script'; trusted-types lit-html playgate";

const reports = new Map();

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>playgate under a strict CSP</title>
    <script type="module" src="/test/support/csp-page.ts"></script>
  </head>
  <body></body>
</html>
`;

export function cspServer() {
  return async (context, next) => {
    const url = new URL(context.url, 'http://localhost');
    if (!url.pathname.startsWith('/__csp/')) return next();
    const id = url.searchParams.get('id') ?? '';
    if (url.pathname === '/__csp/page.html') {
      context.set('Content-Security-Policy', `${STRICT_POLICY}; report-uri /__csp/report?id=${encodeURIComponent(id)}`);
      context.set('Cache-Control', 'no-store');
      context.type = 'html';
      context.body = PAGE;
      return undefined;
    }
    if (url.pathname === '/__csp/report' && context.method === 'POST') {
      const chunks = [];
      for await (const chunk of context.req) chunks.push(chunk);
      const list = reports.get(id) ?? [];
      list.push(Buffer.concat(chunks).toString('utf8'));
      reports.set(id, list);
      context.status = 204;
      return undefined;
    }
    if (url.pathname === '/__csp/reports') {
      context.type = 'json';
      context.body = JSON.stringify(reports.get(id) ?? []);
      return undefined;
    }
    return next();
  };
}
