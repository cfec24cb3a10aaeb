import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { existsSync } from 'node:fs';
import { createContext, type AppDeps } from './context.ts';
import { isDocumentsRequest, serveDocuments } from './documents-http.ts';
import { healthReport } from './health.ts';
import { isInvoicePdfRequest, serveInvoicePdf } from './invoice-pdf-http.ts';
import { appRouter } from './router.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';

/** One port: `/trpc` the API, `/health` the health report, everything else the web app. */
export function createAppServer(deps: AppDeps): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: 5 * 1024 * 1024,
    createContext: ({ req, res }) => createContext(deps, req, res),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[api] ${path ?? '?'}:`, error.cause ?? error);
    },
  });
  const webDist = deps.env.WEB_DIST;
  const assets = webDist && existsSync(webDist) ? sirv(webDist, { single: true, etag: true, dev: false, setHeaders: noCacheForHtml }) : null;

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    const url = req.url ?? '/';
    if (url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?')) {
      trpc(req, res);
      return;
    }
    if (isInvoicePdfRequest(url)) {
      serveInvoicePdf(deps, req, res).catch((error: Error) => {
        const down = isUnavailable(error);
        if (!down) console.error('[api] invoice pdf:', error);
        if (!res.headersSent) res.writeHead(down ? 503 : 500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: down ? UNAVAILABLE_MESSAGE : 'Something went wrong on the server. The error was logged.' }));
      });
      return;
    }
    if (isDocumentsRequest(url)) {
      // Answers its own errors (as JSON); this catch is only a last resort.
      serveDocuments(deps, req, res).catch((error: Error) => {
        console.error('[api] documents:', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end();
      });
      return;
    }
    if (url === '/health' || url.startsWith('/health?')) {
      healthReport(deps).then(
        (report) => {
          res.writeHead(report.status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify(report));
        },
        (error: Error) => {
          res.writeHead(503, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', error: error.message }));
        },
      );
      return;
    }
    if (assets) {
      res.setHeader('X-Frame-Options', 'DENY');
      assets(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found');
      });
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('The web app is not built. Run npm start, or build it with: npm run build -w @workmate/web');
  });
}

function noCacheForHtml(res: ServerResponse, pathname: string) {
  if (pathname.endsWith('.html') || pathname === '/') res.setHeader('Cache-Control', 'no-cache');
  else if (pathname.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
