import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import { appRouter } from './router.ts';
import { fieldErrorsOf, invalidInputMessage } from './trpc.ts';

interface AnyProcedure {
  _def: { type: string; inputs: ZodType[] };
}
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/**
 * tRPC opens a subscription's event stream (HTTP 200) before it parses the input, and reports
 * bad input as the stream's first event. Checked here first, bad input is a 400 with the usual
 * error body, before any stream opens. (So bad input wins over a missing sign-in here, unlike
 * queries; nothing is revealed by that.) Returns true when it has answered.
 */
export function refuseInvalidSubscriptionInput(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  // A broken percent-encoding (`/trpc/%`) is the client's fault: a 400, never an exception here.
  const path = safelyDecoded(url.pathname.replace(/^\/trpc\/?/, ''));
  if (path === null) {
    answer(res, url.pathname, 'The address is malformed: it has a broken percent-encoding', undefined);
    return true;
  }
  const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
  if (procedure?._def.type !== 'subscription' || url.searchParams.has('batch')) return false;

  let input: unknown;
  try {
    const raw = url.searchParams.get('input');
    input = raw ? JSON.parse(raw) : undefined;
  } catch {
    answer(res, path, 'The input is not valid JSON', undefined);
    return true;
  }
  // As tRPC does: a reconnecting EventSource sends where it left off, and that joins the input.
  const lastEventId = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? url.searchParams.get('Last-Event-Id');
  if (typeof lastEventId === 'string' && lastEventId) {
    if (input && typeof input === 'object' && !Array.isArray(input)) input = { ...input, lastEventId };
    else input ??= { lastEventId };
  }
  for (const schema of procedure._def.inputs) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error, input) ?? {};
      answer(res, path, invalidInputMessage(fieldErrors), fieldErrors);
      return true;
    }
  }
  return false;
}

function safelyDecoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function answer(res: ServerResponse, path: string, message: string, fieldErrors: Record<string, string[]> | undefined) {
  res.writeHead(400, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, path, fieldErrors } } }));
}
