import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import sirv from 'sirv';
import { existsSync } from 'node:fs';
import { createContext, type AppDeps } from './context.ts';
import { isDocumentsRequest, serveDocuments } from './documents-http.ts';
import { healthReport } from './health.ts';
import { isInvoicePdfRequest, serveInvoicePdf } from './invoice-pdf-http.ts';
import { appRouter } from './router.ts';
import { isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable.ts';
import { refuseInvalidSubscriptionInput } from './subscription-input.ts';
import { MAX_BODY_BYTES } from './trpc.ts';

/** One port: `/trpc` the API, `/health` the health report, everything else the web app. */
export function createAppServer(deps: AppDeps): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) => createContext(deps, req, res),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[api] ${path ?? '?'}:`, error.cause ?? error);
    },
  });
  const webDist = deps.env.WEB_DIST;
  const assets = webDist && existsSync(webDist) ? sirv(webDist, { single: true, etag: true, dev: false, brotli: true, gzip: true, setHeaders: noCacheForHtml }) : null;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    const url = req.url ?? '/';
    if (url === '/trpc' || url.startsWith('/trpc/') || url.startsWith('/trpc?')) {
      if (refuseInvalidSubscriptionInput(req, res)) return;
      sendInOneWrite(res);
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
  server.on('clientError', answerClientError);
  return server;
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

/**
 * The tRPC adapter streams every answer: headers, then each body chunk, then the end, each its
 * own socket write in chunked encoding. An ordinary answer is one JSON document, so it is
 * collected here and sent in one write with its Content-Length; on this kind of machine a socket
 * write costs more than building the answer. Event streams (subscriptions) pass straight through.
 */
function sendInOneWrite(res: ServerResponse) {
  const chunks: Buffer[] = [];
  let streaming = false;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const isEventStream = () => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else {
      // A view on the same memory, not a copy.
      const bytes = chunk as Uint8Array;
      chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (streaming || res.headersSent || isEventStream()) {
      streaming = true;
      return write(chunk, encoding, callback);
    }
    collect(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (streaming) return end(chunk, encoding, callback);
    collect(chunk, encoding);
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    if (!res.headersSent) {
      res.removeHeader('transfer-encoding');
      res.setHeader('content-length', bytes.length);
    }
    // As a string, Node sends the headers and the body in one write (a Buffer goes out as writev);
    // a big body is not worth copying into a string and back.
    const body = bytes.length <= 64 * 1024 ? bytes.toString('utf8') : bytes;
    const done = [chunk, encoding, callback].find((a) => typeof a === 'function');
    return done ? end(body, 'utf8', done) : end(body, 'utf8');
  }) as ServerResponse['end'];
}

function noCacheForHtml(res: ServerResponse, pathname: string) {
  if (pathname.endsWith('.html') || pathname === '/') res.setHeader('Cache-Control', 'no-cache');
  else if (pathname.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
