import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How far the IMAP poller has read a mailbox. UIDs only mean something together with the
 * mailbox's UIDVALIDITY: when the server changes it, every UID is new and reading starts over
 * (ingestEmail takes each Message-ID in once, so nothing is taken in twice).
 */
export interface MailboxProgress {
  uidValidity: string | null;
  lastUid: number;
}

export interface ImapPollStatus {
  mailbox: string;
  lastPollAt: string | null;
  lastResult: 'ok' | 'failed' | null;
  lastError: string | null;
  lastSummary: Record<string, number> | null;
  skipped: number;
}

export async function readMailboxProgress(em: EntityManager, mailbox: string): Promise<MailboxProgress> {
  const rows = await em.getConnection().execute<{ uid_validity: string | null; last_uid: string }[]>(
    'select uid_validity::text as uid_validity, last_uid::text as last_uid from imap_mailbox_states where mailbox = ?',
    [mailbox],
  );
  const row = rows[0];
  return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : { uidValidity: null, lastUid: 0 };
}

/**
 * Stored after every message taken in, so a poll cut short goes on after the last one. Under the
 * same UIDVALIDITY it only moves forward: a slower poll running alongside (two workers) does not
 * set it back.
 */
export async function saveMailboxProgress(em: EntityManager, mailbox: string, progress: MailboxProgress): Promise<void> {
  await em.getConnection().execute(
    `insert into imap_mailbox_states (mailbox, uid_validity, last_uid, updated_at) values (?, ?, ?, now())
     on conflict (mailbox) do update set uid_validity = excluded.uid_validity, updated_at = now(),
       last_uid = case when imap_mailbox_states.uid_validity = excluded.uid_validity then greatest(imap_mailbox_states.last_uid, excluded.last_uid) else excluded.last_uid end`,
    [mailbox, progress.uidValidity, progress.lastUid],
  );
}

/** A message that cannot be taken in (no Message-ID, no sender address): recorded once, then passed over for good. */
export async function recordSkippedMessage(em: EntityManager, input: { mailbox: string; uidValidity: string; uid: number; messageId: string | null; reason: string }): Promise<void> {
  await em.getConnection().execute(
    `insert into imap_skipped_messages (mailbox, uid_validity, uid, message_id, reason) values (?, ?, ?, ?, ?)
     on conflict on constraint imap_skipped_messages_uid_unique do nothing`,
    [input.mailbox, input.uidValidity, input.uid, input.messageId?.slice(0, 998) ?? null, input.reason.slice(0, 500)],
  );
}

/** The outcome of one poll, for the operations page. */
export async function recordPollResult(em: EntityManager, mailbox: string, result: { ok: true; summary: Record<string, number> } | { ok: false; error: string }): Promise<void> {
  await em.getConnection().execute(
    `insert into imap_mailbox_states (mailbox, last_poll_at, last_result, last_error, last_summary, updated_at) values (?, now(), ?, ?, ?::jsonb, now())
     on conflict (mailbox) do update set last_poll_at = now(), last_result = excluded.last_result, last_error = excluded.last_error,
       last_summary = coalesce(excluded.last_summary, imap_mailbox_states.last_summary), updated_at = now()`,
    [mailbox, result.ok ? 'ok' : 'failed', result.ok ? null : result.error.slice(0, 500), result.ok ? JSON.stringify(result.summary) : null],
  );
}

export async function findImapPollStatus(em: EntityManager): Promise<ImapPollStatus[]> {
  const rows = await em.getConnection().execute<{ mailbox: string; last_poll_at: string | Date | null; last_result: 'ok' | 'failed' | null; last_error: string | null; last_summary: Record<string, number> | null; skipped: number }[]>(
    `select s.mailbox, s.last_poll_at, s.last_result, s.last_error, s.last_summary,
       (select count(*)::int from imap_skipped_messages k where k.mailbox = s.mailbox) as skipped
     from imap_mailbox_states s order by s.mailbox`,
  );
  return rows.map((r) => ({
    mailbox: r.mailbox,
    lastPollAt: r.last_poll_at ? new Date(r.last_poll_at).toISOString() : null,
    lastResult: r.last_result,
    lastError: r.last_error,
    lastSummary: r.last_summary,
    skipped: r.skipped,
  }));
}
