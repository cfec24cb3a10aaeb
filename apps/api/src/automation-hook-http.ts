import type { IncomingMessage, ServerResponse } from 'node:http';
import { publishEvent } from '@workmate/db/events/publish';
import { runAs } from '@workmate/db/shared/actor';
import { EVENTS } from '@workmate/domain/events';
import type { AppDeps } from './context.ts';

const PATH = /^\/hooks\/automation\/([0-9a-f]{48})\/?(\?.*)?$/;
/** The largest body an incoming automation webhook may carry. */
export const MAX_HOOK_BODY_BYTES = 64 * 1024;

export const isAutomationHookRequest = (url: string) => url.startsWith('/hooks/automation/');

function answer(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | 'tooLarge' | 'invalid'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_HOOK_BODY_BYTES) return 'tooLarge';
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * POST /hooks/automation/<token>: the trigger of a rule with the "incoming webhook" trigger. The
 * token (48 hex characters, shown on the rule) is the credential. The request is accepted (202)
 * once its event is in the outbox; the worker runs the rule once for it.
 */
export async function serveAutomationHook(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = PATH.exec(req.url ?? '');
  if (req.method !== 'POST') return answer(res, 405, { error: 'Use POST' });
  if (!match?.[1]) return answer(res, 404, { error: 'No such hook' });
  const body = await readJson(req);
  if (body === 'tooLarge') return answer(res, 413, { error: `The body may be at most ${MAX_HOOK_BODY_BYTES / 1024} KB` });
  if (body === 'invalid') return answer(res, 400, { error: 'The body must be a JSON object' });
  const em = deps.orm.em.fork();
  const [rule] = await em.execute<Array<{ id: string; name: string }>>(
    `select r.id, r.name from automation_rules r join automation_rule_versions v on v.rule_id = r.id and v.number = r.current_version where r.hook_token = ? and r.active and v.trigger_type = 'webhook'`,
    [match[1]],
  );
  if (!rule) return answer(res, 404, { error: 'No such hook' });
  const eventId = await runAs({ id: null, label: `webhook: ${rule.name}`.slice(0, 200) }, () =>
    em.transactional((tx) => publishEvent(tx, EVENTS.automationIncoming, { ruleId: rule.id, body })),
  );
  return answer(res, 202, { accepted: true, eventId });
}
