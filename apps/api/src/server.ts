import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { existsSync } from 'node:fs';
import { createContext, type AppDeps } from './context.ts';
import { isDocumentsRequest, serveDocuments } from './documents-http.ts';
import { isAutomationHookRequest, serveAutomationHook } from './automation-hook-http.ts';
import { isCampaignLinkRequest, serveCampaignLink } from './campaign-http.ts';
import { isEInvoiceRequest, serveEInvoices } from './einvoice-http.ts';
import { isBankStatementRequest, serveBankStatements } from './routers/banking/statement-upload-http.ts';
import { answerHealth } from './health.ts';
import { isInvoicePdfRequest, serveInvoicePdf } from './invoice-pdf-http.ts';
import { isInvoiceEInvoiceRequest, serveInvoiceEInvoice } from './einvoice-out-http.ts';
import { appRouter } from './router.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';
import { refuseInvalidSubscriptionInput } from './subscription-input.ts';
import { MAX_BATCH_CALLS, MAX_BODY_BYTES } from './trpc.ts';
import { createTrpcHttpHandler } from './trpc-http.ts';
import { ApiUsageRecorder } from './api-usage.ts';
import { createMetrics, requestLabel, serveMetrics } from './metrics.ts';
import { createQueueBoard, isQueueBoardRequest } from './queue-board.ts';
import { OidcProvider } from './oidc.ts';
import { isOidcRequest, serveOidc } from './oidc-http.ts';

/**
 * The web app's Content-Security-Policy: scripts, styles, fonts, frames and API calls only from
 * this server, so an injected `<script>` or `onerror=` never runs. No 'unsafe-inline' for styles:
 * the app has no inline <style>, and React sets its style props through the DOM (CSSOM), which a
 * policy does not restrict. Images may also be data: and blob: URLs (the favicon, logo previews).
 * The invoice PDF preview is a same-origin frame (frame-src falls back to 'self').
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** HTTP methods named in the latency metric; anything else is `other` (labels stay bounded). */
const METHODS = new Set(['GET', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/**
 * One port: `/trpc` the API, `/auth/oidc/*` the OIDC sign-in, `/health` the health report, `/metrics` the Prometheus metrics,
 * `/admin/queues` the queue view, everything else the web app.
 */
export function createAppServer(deps: AppDeps, options: { fastQueries?: boolean } = {}): Server {
  deps.usage ??= new ApiUsageRecorder(deps.orm);
  const metrics = createMetrics(deps);
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  const queueBoard = createQueueBoard(deps);
  // Sign-in with OIDC when configured; the provider is asked only at the first sign-in.
  const oidc = OidcProvider.fromEnv(deps.env);
  const trpc = createTrpcHttpHandler({
    fastQueries: options.fastQueries,
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req, res }) => createContext(deps, req, res),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[api] ${path ?? '?'}:`, error.cause ?? error);
    },
  });
  const webDist = deps.env.WEB_DIST;
  const assets = webDist && existsSync(webDist) ? sirv(webDist, { single: true, etag: true, dev: false, brotli: true, gzip: true, setHeaders: noCacheForHtml }) : null;

  /** Answers one request; returns the work still running, if any, so its failure is answered too. */
  const route = (req: IncomingMessage, res: ServerResponse): Promise<unknown> | void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    const url = req.url ?? '/';
    const malformed = malformedAddress(url);
    if (malformed) return answerJson(res, 400, malformed);
    if (url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?')) {
      if (refuseInvalidSubscriptionInput(req, res)) return;
      trpc(req, res);
      return;
    }
    if (isOidcRequest(url)) return serveOidc(deps, oidc, req, res);
    if (isInvoicePdfRequest(url)) return serveInvoicePdf(deps, req, res);
    if (isInvoiceEInvoiceRequest(url)) return serveInvoiceEInvoice(deps, req, res);
    // Answers its own errors (as JSON); the guard below is only a last resort.
    if (isDocumentsRequest(url)) return serveDocuments(deps, req, res);
    if (isEInvoiceRequest(url)) return serveEInvoices(deps, req, res);
    if (isBankStatementRequest(url)) return serveBankStatements(deps, req, res);
    if (isAutomationHookRequest(url)) return serveAutomationHook(deps, req, res);
    // The public links of marketing mails (unsubscribe, open pixel, opt-in); no sign-in.
    if (isCampaignLinkRequest(url)) return serveCampaignLink(deps, req, res);
    if (url === '/health' || url.startsWith('/health?')) return answerHealth(deps, req, res);
    if (url === '/metrics' || url.startsWith('/metrics?')) return serveMetrics(deps, metrics, req, res);
    if (isQueueBoardRequest(url)) return queueBoard(req, res);
    if (assets) {
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      assets(req, res, () => {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found');
      });
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('The web app is not built. Run npm start, or build it with: npm run build -w @workmate/web');
  };

  // The top-level guard: whatever a request makes throw, at once or later, is answered (and a
  // real bug logged) here, and the process serves the next request. Errors thrown later from a
  // timer or an event of the request are caught by answerStrayError (main.ts).
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const address = req.url ?? '/';
    res.once('finish', () => {
      const method = req.method && METHODS.has(req.method) ? req.method : 'other';
      metrics.observe({ procedure: requestLabel(address, procedures), method, status: res.statusCode }, (performance.now() - started) / 1000);
    });
    requestScope.run({ res }, () => {
      try {
        route(req, res)?.catch((error: unknown) => answerFailure(res, error));
      } catch (error) {
        answerFailure(res, error);
      }
    });
  });
  server.on('clientError', answerClientError);
  // The usage counted last goes to the database when the server closes.
  server.on('close', () => void deps.usage?.flush());
  return server;
}

/** The request each piece of running code belongs to, for errors that escape every handler. */
const requestScope = new AsyncLocalStorage<{ res: ServerResponse }>();

function answerJson(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { message, data: { httpStatus: status } } }));
}

/**
 * Why the address cannot be served, or null. A path whose percent-encoding is broken (`/trpc/%`,
 * `%E0%A4%A`, overlong UTF-8 such as `%C0%AE`) is refused here, before any handler decodes it; so
 * is a `.` or `..` segment (no address of the app has one, and it only serves to climb out of a
 * folder).
 */
export function malformedAddress(url: string): string | null {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'The address is malformed: it has a broken percent-encoding';
  }
  if (decoded.split(/[/\\]/).some((segment) => segment === '.' || segment === '..')) return 'The address is malformed: it may not contain "." or ".." segments';
  return null;
}

/**
 * The answer to an error no handler answered: 400 for a malformed request (a URIError comes only
 * from decoding what the client sent), 503 when Postgres or Redis is down, otherwise 500 with
 * the error logged. Once the answer has begun, the connection is closed instead.
 */
function answerFailure(res: ServerResponse, error: unknown) {
  const malformed = error instanceof URIError;
  const down = !malformed && isUnavailable(error);
  if (!malformed && !down) console.error('[api] unhandled error in a request:', error);
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  if (malformed) answerJson(res, 400, 'The request is malformed');
  else if (down) answerJson(res, 503, UNAVAILABLE_MESSAGE);
  else answerJson(res, 500, 'Something went wrong on the server. The error was logged.');
}

/**
 * For the process's `uncaughtException` and `unhandledRejection` (main.ts): an error that escaped
 * from the handling of a request (a timer, a stream event) is answered like any other, and the
 * process lives on. Returns false for an error that belongs to no request.
 */
export function answerStrayError(error: unknown): boolean {
  const scope = requestScope.getStore();
  if (!scope) return false;
  answerFailure(scope.res, error);
  return true;
}

/**
 * Requests Node refuses before they reach us (headers or URL over 16 KB, say a query with a huge
 * input, or a malformed request) get a JSON body that says why, instead of an empty answer.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, message]: [number, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request is too large: its address and headers may be at most 16 KB. Send large inputs in the body of a POST.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? [408, 'The request took too long to arrive']
        : [400, 'The request is malformed'];
  const body = JSON.stringify({ error: { message, data: { httpStatus: status } } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function noCacheForHtml(res: ServerResponse, pathname: string) {
  if (pathname.endsWith('.html') || pathname === '/') res.setHeader('Cache-Control', 'no-cache');
  else if (pathname.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
