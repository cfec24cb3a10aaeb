import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiUsageDto, ApiUsageListInput } from '@workmate/domain/schemas/platform';

/** Calls of one token to one procedure with one HTTP status on one Berlin day, summed in an API process. */
export interface ApiUsageCounter {
  tokenId: string;
  day: string;
  procedure: string;
  status: number;
  calls: number;
  totalMs: number;
  maxMs: number;
  lastAt: string;
}

/**
 * Adds the counters to the usage table in one statement (an upsert per token, day, procedure and
 * status), so the cost per request is a map update in memory, and one insert every few seconds.
 * A token deleted in between is skipped (its rows would only dangle).
 */
export async function addApiUsage(em: EntityManager, counters: ApiUsageCounter[]): Promise<void> {
  if (!counters.length) return;
  await em.execute(
    `insert into api_token_usage as u (token_id, day, procedure, status, calls, total_ms, max_ms, last_at)
     select t.token_id, t.day, t.procedure, t.status, t.calls, t.total_ms, t.max_ms, t.last_at
       from jsonb_to_recordset(?::jsonb) as t(token_id uuid, day date, procedure text, status smallint, calls bigint, total_ms bigint, max_ms int, last_at timestamptz)
      where exists (select 1 from api_tokens k where k.id = t.token_id)
     on conflict (token_id, day, procedure, status) do update
       set calls = u.calls + excluded.calls, total_ms = u.total_ms + excluded.total_ms,
           max_ms = greatest(u.max_ms, excluded.max_ms), last_at = greatest(u.last_at, excluded.last_at)`,
    [JSON.stringify(counters.map((c) => ({ token_id: c.tokenId, day: c.day, procedure: c.procedure.slice(0, 200), status: c.status, calls: c.calls, total_ms: c.totalMs, max_ms: c.maxMs, last_at: c.lastAt })))],
  );
}

/** Usage per token over the days, and per procedure and status (for one token, or all). */
export async function listApiUsage(em: EntityManager, input: ApiUsageListInput): Promise<ApiUsageDto> {
  const conn = em;
  const tokens = await conn.execute<Array<{ token_id: string; name: string; prefix: string; owner: string; revoked: boolean; calls: string; errors: string; total_ms: string; max_ms: number; last_at: Date }>>(
    `select u.token_id, k.name, k.prefix, e.first_name || ' ' || e.last_name as owner, k.revoked_at is not null as revoked,
            sum(u.calls)::text as calls, coalesce(sum(u.calls) filter (where u.status >= 400), 0)::text as errors,
            sum(u.total_ms)::text as total_ms, max(u.max_ms) as max_ms, max(u.last_at) as last_at
       from api_token_usage u join api_tokens k on k.id = u.token_id join employees e on e.id = k.employee_id
      where u.day between ?::date and ?::date and (?::uuid is null or u.token_id = ?::uuid)
      group by u.token_id, k.name, k.prefix, e.first_name, e.last_name, k.revoked_at
      order by sum(u.calls) desc, k.name`,
    [input.from, input.to, input.tokenId ?? null, input.tokenId ?? null],
  );
  const procedures = await conn.execute<Array<{ token_id: string; procedure: string; status: number; calls: string; total_ms: string; max_ms: number; last_at: Date }>>(
    `select token_id, procedure, status, sum(calls)::text as calls, sum(total_ms)::text as total_ms, max(max_ms) as max_ms, max(last_at) as last_at
       from api_token_usage
      where day between ?::date and ?::date and (?::uuid is null or token_id = ?::uuid)
      group by token_id, procedure, status
      order by sum(calls) desc, procedure, status
      limit 500`,
    [input.from, input.to, input.tokenId ?? null, input.tokenId ?? null],
  );
  // Sums of bigint come as text; an average is whole milliseconds (integer division in JS on safe integers).
  const avg = (total: string, calls: string) => (Number(calls) ? Math.round(Number(total) / Number(calls)) : 0);
  return {
    from: input.from,
    to: input.to,
    tokens: tokens.map((t) => ({ tokenId: t.token_id, tokenName: t.name, prefix: t.prefix, ownerName: t.owner, revoked: t.revoked, calls: Number(t.calls), errors: Number(t.errors), avgMs: avg(t.total_ms, t.calls), maxMs: t.max_ms, lastAt: new Date(t.last_at).toISOString() })),
    procedures: procedures.map((p) => ({ tokenId: p.token_id, procedure: p.procedure, status: p.status, calls: Number(p.calls), avgMs: avg(p.total_ms, p.calls), maxMs: p.max_ms, lastAt: new Date(p.last_at).toISOString() })),
  };
}
