import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { resolveResponse } from '@trpc/server/http';
import { createURL, incomingMessageToRequest, internal_exceptionHandler } from '@trpc/server/adapters/node-http';
import type { TRPCError } from '@trpc/server';
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  transformTRPCResponse,
  TRPCError as TRPCErrorClass,
  type AnyProcedure,
  type TRPCRequestInfo,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';

interface Options<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** The address part before the procedure's path, such as `/trpc/`. */
  basePath: string;
  maxBodySize: number;
  maxBatchSize: number;
  createContext: (opts: { req: IncomingMessage; res: ServerResponse; info: unknown }) => Promise<inferRouterContext<TRouter>>;
  onError: (opts: { error: TRPCError; path: string | undefined; req: IncomingMessage }) => void;
  /**
   * Answer plain GETs of queries without `resolveResponse` (see answerQueries). On unless false;
   * a test turns it off to compare both ways byte for byte.
   */
  fastQueries?: boolean;
}

/** How many requests the fast path answered (the tests check that it ran). */
export const fastQueryCount = { answered: 0 };

/**
 * tRPC's node-http adapter (what `createHTTPHandler` of `@trpc/server/adapters/standalone` runs),
 * with a lighter way in and out; the answers are tRPC's own, from the same `resolveResponse`,
 * except for plain GETs of queries, which take a shorter way with the same answer (answerQueries).
 *
 * Why: at 32 connections the stock adapter's conversions cost more than the query. It builds a
 * WHATWG Request for every call (a Headers object copied from all request headers, a Request with
 * its own URL parse and signal plumbing) and writes the Response through a WebStreams pipe, chunk
 * by chunk, then the end: three socket writes. Here a GET (every query) gets a small object with
 * just what `resolveResponse` reads (method, url, headers.get/has, signal), and an ordinary answer
 * is read whole and sent in one write with its Content-Length. A POST still goes through tRPC's
 * own `incomingMessageToRequest` (it streams and limits the body). Event streams (subscriptions)
 * are written chunk by chunk as they come, as the stock adapter does.
 */
export function createTrpcHttpHandler<TRouter extends AnyTRPCRouter>(opts: Options<TRouter>) {
  const sliceLength = opts.basePath.length;
  const fastQueries = opts.fastQueries !== false;
  return (req: IncomingMessage, res: ServerResponse): void => {
    let path = '';
    const handle = async () => {
      const url = createURL(req);
      path = url.pathname.slice(sliceLength);
      if (fastQueries && req.method === 'GET') {
        const calls = plainQueryCalls(req, url, path, opts);
        if (calls) {
          fastQueryCount.answered++;
          await answerQueries(req, res, url, calls, opts);
          return;
        }
      }
      const request = req.method === 'GET' || req.method === 'HEAD' ? lightRequest(req, res, url.href) : incomingMessageToRequest(req, res, { maxBodySize: opts.maxBodySize });
      const response = await resolveResponse({
        router: opts.router,
        req: request as Request,
        path,
        maxBatchSize: opts.maxBatchSize,
        error: null,
        createContext: ({ info }) => opts.createContext({ req, res, info }),
        onError: (o) => opts.onError({ ...o, req }),
      });
      await writeResponse(response, res, request.signal);
    };
    handle().catch((cause: unknown) => internal_exceptionHandler({ req, res, path, router: opts.router, onError: opts.onError, createContext: opts.createContext })(cause));
  };
}

/**
 * The parts of a fetch Request that `resolveResponse` reads for a GET, taken straight from the
 * IncomingMessage. The signal aborts when the client goes away before the answer is finished (as
 * the stock adapter's does): a subscription ends with it.
 */
function lightRequest(req: IncomingMessage, res: ServerResponse, url: string) {
  const signal = clientGoneSignal(req, res);
  const incoming = req.headers;
  const headers = {
    // Node has already joined repeated headers (and dropped repeats of single-valued ones), as
    // the Headers object built from them would; pseudo-headers (HTTP/2 ':path') are skipped.
    get(name: string): string | null {
      const key = name.toLowerCase();
      if (key.startsWith(':')) return null;
      const value = incoming[key];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    has(name: string): boolean {
      return headers.get(name) !== null;
    },
  };
  return { method: req.method as string, url, headers, signal };
}

/** A signal that aborts when the client goes away before the answer is finished. */
function clientGoneSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  const onAbort = () => {
    res.off('close', onClose);
    req.off('aborted', onAbort);
    ac.abort();
  };
  const onClose = () => {
    if (res.writableEnded) {
      req.off('aborted', onAbort);
      return;
    }
    onAbort();
  };
  res.once('close', onClose);
  req.once('aborted', onAbort);
  return ac.signal;
}

/** The Response onto the Node answer: status, headers, then the body, an ordinary one in one write. */
async function writeResponse(response: Response, res: ServerResponse, signal: AbortSignal) {
  if (res.statusCode === 200) res.statusCode = response.status;
  for (const [key, value] of response.headers) {
    if (key === 'set-cookie') continue;
    res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const eventStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
  try {
    if (!eventStream) {
      const body = await response.text();
      res.removeHeader('transfer-encoding');
      res.setHeader('content-length', Buffer.byteLength(body));
      // A string goes out with the headers in one socket write.
      res.end(body);
      return;
    }
    await streamBody(response.body, res, signal);
  } catch (error) {
    if (!res.headersSent) res.statusCode = 500;
    res.end();
    throw error;
  }
  res.end();
}

async function streamBody(body: ReadableStream<Uint8Array>, res: ServerResponse, signal: AbortSignal) {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (!res.write(value)) {
        await new Promise<void>((resolve, reject) => {
          const cleanup = () => {
            res.off('error', onError);
            res.off('drain', onDrain);
            res.off('close', onDrain);
          };
          const onError = (err: Error) => {
            cleanup();
            reject(err);
          };
          const onDrain = () => {
            cleanup();
            resolve();
          };
          res.once('error', onError);
          res.once('drain', onDrain);
          res.once('close', onDrain);
        });
      }
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

// ---------------------------------------------------------------------------------------------
// The fast path for the common case: a GET of one query or a batch of queries.
//
// Why: `resolveResponse` builds fetch objects for every call (a Headers, a Response, its body
// stream read back to text) and runs its general machinery (content-type handlers, memoised
// input readers, per-call AbortSignal.any) around what is, for a query, a lookup, one call and
// one JSON.stringify. The profile (bench/README.md) put tRPC's HTTP layer and these objects at
// about 15% of the API's CPU. Here the same steps run directly, with tRPC's own pieces
// (the procedure itself, getErrorShape with the router's errorFormatter, getHTTPStatusCode,
// transformTRPCResponse): the answer is the same, byte for byte (tests/integration/
// trpc-fast-path.test.ts compares both ways). Whatever is not plainly such a request (a path with
// %-escapes, an unknown procedure, a mutation or subscription, input that is not valid JSON, a
// streaming accept header, connectionParams, a batch over the limit) is left to resolveResponse,
// so its answers, errors included, stay tRPC's own. The pieces come from tRPC's
// `unstable-core-do-not-import` (the version is pinned): after a tRPC upgrade, that test says
// whether resolveResponse still answers the same.
// ---------------------------------------------------------------------------------------------

interface PlainCall {
  path: string;
  procedure: AnyProcedure;
  input: unknown;
}

/** The calls of a plain query GET, or null when resolveResponse should answer it. */
function plainQueryCalls<TRouter extends AnyTRPCRouter>(req: IncomingMessage, url: URL, path: string, opts: Options<TRouter>): PlainCall[] | null {
  const headers = req.headers;
  // resolveResponse reads these: a streaming (jsonl) answer, or a content type other than JSON.
  if (headers['trpc-accept'] !== undefined) return null;
  const accept = headers.accept;
  if (accept !== undefined && accept.includes('application/jsonl')) return null;
  const contentType = headers['content-type'];
  if (contentType !== undefined && contentType.toLowerCase().split(';', 1)[0]?.trim() !== 'application/json') return null;
  // tRPC decodes the path; one with escapes is left to it (and its error for a broken one).
  if (path.includes('%')) return null;
  const searchParams = url.searchParams;
  if (searchParams.has('connectionParams')) return null;
  const isBatchCall = searchParams.get('batch') === '1';
  const paths = isBatchCall ? path.split(',') : [path];
  if (isBatchCall && paths.length > opts.maxBatchSize) return null;

  const procedures = opts.router._def.procedures as Record<string, AnyProcedure | undefined>;
  const found: AnyProcedure[] = [];
  for (const p of paths) {
    const procedure = Object.hasOwn(procedures, p) ? procedures[p] : undefined;
    if (!procedure || procedure._def.type !== 'query') return null;
    found.push(procedure);
  }

  // As tRPC reads the input (contentType.ts, jsonContentTypeHandler): JSON in `input`, for a
  // batch an object by call index, each through the transformer. When any of it fails, tRPC
  // answers (with its own wording of the error).
  const transformer = opts.router._def._config.transformer;
  const deserialize = (value: unknown): unknown => transformer.input.deserialize(value);
  let raw: unknown = undefined;
  const queryInput = searchParams.get('input');
  try {
    if (queryInput) raw = JSON.parse(queryInput);
    if (raw === undefined) return found.map((procedure, i) => ({ path: paths[i]!, procedure, input: undefined }));
    if (!isBatchCall) return [{ path: paths[0]!, procedure: found[0]!, input: deserialize(raw) }];
    if (!isObject(raw)) return null;
    const inputs = raw;
    return found.map((procedure, i) => {
      const input = inputs[i];
      return { path: paths[i]!, procedure, input: input === undefined ? undefined : deserialize(input) };
    });
  } catch {
    return null;
  }
}

type CallResult = [TRPCError, undefined] | [undefined, { data: unknown }];

/** What resolveResponse does for these calls (its non-streaming, httpLink/httpBatchLink branches), without the fetch objects. */
async function answerQueries<TRouter extends AnyTRPCRouter>(req: IncomingMessage, res: ServerResponse, url: URL, plain: PlainCall[], opts: Options<TRouter>) {
  const config = opts.router._def._config;
  const isBatchCall = url.searchParams.get('batch') === '1';
  const signal = clientGoneSignal(req, res);
  // tRPC hands the error formatter the input only once a call has read it (its memoised reader);
  // before that (say the sign-in check refused first) the input is undefined.
  let inputRead = false;
  const calls = plain.map((call, batchIndex) => ({
    batchIndex,
    path: call.path,
    procedure: call.procedure,
    getRawInput: async () => {
      inputRead = true;
      return call.input;
    },
    result: () => (inputRead ? call.input : undefined),
  }));
  const info: TRPCRequestInfo = { isBatchCall, accept: null, calls, type: 'query', connectionParams: null, signal, url };

  let ctx: inferRouterContext<TRouter> | undefined;
  let ctxError: TRPCError | undefined;
  try {
    ctx = await opts.createContext({ req, res, info });
  } catch (cause) {
    ctxError = getTRPCErrorFromUnknown(cause);
  }

  const onError = (error: TRPCError, path: string | undefined) => opts.onError({ error, path, req });
  const results = await Promise.all(
    calls.map(async (call): Promise<CallResult> => {
      try {
        if (ctxError) throw ctxError;
        const data: unknown = await call.procedure({ path: call.path, getRawInput: call.getRawInput, ctx, type: 'query', signal, batchIndex: call.batchIndex });
        return [undefined, { data }];
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError(error, call.path);
        return [error, undefined];
      }
    }),
  );

  let status: number;
  let body: string;
  try {
    const errorOf = (error: TRPCError, index: number) => ({ error: getErrorShape({ config, ctx, error, input: calls[index]!.result(), path: calls[index]!.path, type: 'query' }) });
    if (!isBatchCall) {
      const [error, result] = results[0]!;
      if (result && isDataStream(result.data)) throw new TRPCErrorClass({ code: 'UNSUPPORTED_MEDIA_TYPE', message: STREAM_IN_PLAIN_CALL });
      const answer: TRPCResponse = error ? errorOf(error, 0) : { result: { data: result.data } };
      status = getHTTPStatusCode([answer]);
      body = JSON.stringify(transformTRPCResponse(config, answer));
    } else {
      const answers: TRPCResponse[] = results.map(([error, result], index) => {
        if (error) return errorOf(error, index);
        // resolveResponse makes this an error of the call, without onError.
        if (isDataStream(result.data)) return errorOf(new TRPCErrorClass({ code: 'UNSUPPORTED_MEDIA_TYPE', message: STREAM_IN_PLAIN_CALL }), index);
        return { result: { data: result.data } };
      });
      status = getHTTPStatusCode(answers);
      body = JSON.stringify(transformTRPCResponse(config, answers));
    }
  } catch (cause) {
    // resolveResponse's last resort (caughtErrorToData): the error without path or input.
    const error = getTRPCErrorFromUnknown(cause);
    onError(error, undefined);
    const answer = { error: getErrorShape({ config, ctx, error, input: undefined, path: undefined, type: 'query' }) };
    status = getHTTPStatusCode(answer);
    body = JSON.stringify(transformTRPCResponse(config, answer));
  }

  // The headers resolveResponse sets (its Headers object lists them sorted), then the length.
  if (res.statusCode === 200) res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('vary', 'trpc-accept, accept');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

const STREAM_IN_PLAIN_CALL = 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink';

/** resolveResponse's test for a value only a streaming link can carry. */
function isDataStream(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (isAsyncIterable(v)) return true;
  const values = Object.values(v);
  return values.some(isPromise) || values.some(isAsyncIterable);
}
