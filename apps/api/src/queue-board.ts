import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { AppDeps } from './context.ts';
import { metricsAccess } from './metrics.ts';

export const QUEUE_BOARD_PATH = '/admin/queues';

export function isQueueBoardRequest(url: string): boolean {
  return url === QUEUE_BOARD_PATH || url.startsWith(`${QUEUE_BOARD_PATH}/`) || url.startsWith(`${QUEUE_BOARD_PATH}?`);
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The queue view (bull-board) for holders of `monitoring.view`: jobs per queue and state, their
 * data, errors and logs. Read-only: retrying, removing or promoting jobs from it would be changes
 * that leave no audit trail; the app's own pages retry what may be retried (e.g. a PDF).
 * Built at the first request, so a server that never shows it never loads the UI.
 */
export function createQueueBoard(deps: AppDeps) {
  let handler: Handler | null = null;
  const board = (): Handler => {
    if (handler) return handler;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: deps.queues.all().map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Workmate' } },
    });
    handler = serverAdapter.getRouter() as Handler;
    return handler;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refuse = (status: number, message: string) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: { message, data: { httpStatus: status } } }));
    };
    // Only reading: a cross-site form could otherwise send the admin's cookie along with a POST.
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'The queue view is read-only');
    // Signed-in admins only; the scrapers' METRICS_TOKEN does not open it.
    const access = await metricsAccess(deps, req, res, { scrapeToken: false });
    if (access === 401) return refuse(401, 'Please sign in');
    if (access === 403) return refuse(403, 'You lack the permission "monitoring.view"');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    // The board's pages are its own (inline config script): the web app's CSP does not apply here.
    const rest = (req.url ?? '/').slice(QUEUE_BOARD_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    await new Promise<void>((resolve, reject) => {
      res.once('finish', resolve);
      res.once('close', resolve);
      board()(req, res, (error) => (error ? reject(error) : (refuse(404, 'Not found'), resolve())));
    });
  };
}
