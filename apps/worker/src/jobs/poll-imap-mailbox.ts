import type { MikroORM } from '@mikro-orm/postgresql';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { recordPollResult, readMailboxProgress, recordSkippedMessage, saveMailboxProgress } from '@workmate/db/service/imap-state';
import { ingestEmail, type IngestResult } from '@workmate/db/service/mail';
import { runAs } from '@workmate/db/shared/actor';
import { JOBS } from '@workmate/domain/jobs';
import { InboundEmailInput } from '@workmate/domain/schemas/service';
import type { WorkerEnv } from '../env.ts';
import { defineJob } from './define-job.ts';

export type ImapEnv = Pick<WorkerEnv, 'IMAP_HOST' | 'IMAP_PORT' | 'IMAP_SECURE' | 'IMAP_USER' | 'IMAP_PASSWORD' | 'IMAP_MAILBOX' | 'IMAP_SINCE'>;

export interface PollSummary {
  created: number;
  threaded: number;
  duplicate: number;
  unknownSender: number;
  skipped: number;
}

/** The key a mailbox's progress is kept under: the same account on the same server is the same mailbox. */
export const mailboxKey = (env: ImapEnv) => `${env.IMAP_USER}@${env.IMAP_HOST ?? ''}:${env.IMAP_PORT}/${env.IMAP_MAILBOX}`;

const keepIfFits = (id: string | null) => (id && id.replace(/^<|>$/g, '').length <= 996 ? id : null);
const firstId = (value: string | undefined) => value?.match(/<[^<>\s]+>/)?.[0] ?? value?.trim() ?? null;

/** The parts of a parsed mail ingestEmail takes, or why it cannot take it (then it is skipped for good). */
export function toInboundEmail(mail: ParsedMail): { ok: true; input: InboundEmailInput } | { ok: false; reason: string } {
  if (!mail.messageId) return { ok: false, reason: 'no Message-ID' };
  // ingestEmail stores it in angle brackets, in a column of 998 characters (RFC 5322's line limit).
  if (mail.messageId.replace(/^<|>$/g, '').length > 996) return { ok: false, reason: 'Message-ID too long' };
  const from = mail.from?.value.find((a) => a.address)?.address;
  if (!from) return { ok: false, reason: 'no sender address' };
  const references = (Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : []).filter(Boolean).slice(-100);
  const parsed = InboundEmailInput.safeParse({
    messageId: mail.messageId,
    inReplyTo: keepIfFits(firstId(mail.inReplyTo)),
    references,
    from,
    subject: (mail.subject ?? '').slice(0, 300),
    text: (mail.text ?? '').trimEnd().slice(0, 100_000),
    receivedAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : undefined,
  });
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, input: parsed.data };
}

/**
 * One poll of the configured mailbox. Exactly once: the messages after the last UID read (for the
 * mailbox's current UIDVALIDITY) are taken in one by one in UID order, and the last UID is stored
 * after each; a poll cut short after ingestEmail but before that is harmless, since ingestEmail
 * takes a Message-ID in once. A new UIDVALIDITY (the mailbox was rebuilt) starts over at UID 1,
 * again without duplicates. Messages taken in are flagged \Seen. A message without a Message-ID
 * or sender is recorded in imap_skipped_messages and passed over; a server that is down or refuses
 * the login makes the job fail (and BullMQ retry) after recording the failure.
 */
export async function pollImapMailbox(orm: MikroORM, env: ImapEnv): Promise<PollSummary | { skipped: string }> {
  if (!env.IMAP_HOST) return { skipped: 'IMAP is not configured' };
  const mailbox = mailboxKey(env);
  const client = new ImapFlow({
    host: env.IMAP_HOST,
    port: env.IMAP_PORT,
    secure: env.IMAP_SECURE,
    auth: { user: env.IMAP_USER, pass: env.IMAP_PASSWORD },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  // An error event without a listener would end the worker process; the awaited calls report it anyway.
  client.on('error', (error: Error) => console.error(`[worker] imap ${mailbox}:`, error.message));
  try {
    await client.connect();
    const summary = await readNewMessages(orm, client, env.IMAP_MAILBOX, mailbox, env.IMAP_SINCE);
    await recordPollResult(orm.em.fork(), mailbox, { ok: true, summary: { ...summary } });
    return summary;
  } catch (error) {
    const message = describeImapError(error);
    await recordPollResult(orm.em.fork(), mailbox, { ok: false, error: message }).catch(() => undefined);
    throw new Error(`IMAP poll of ${mailbox} failed: ${message}`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function describeImapError(error: unknown): string {
  const e = error as { message?: string; responseText?: string; authenticationFailed?: boolean; code?: string };
  if (e.authenticationFailed) return `login refused${e.responseText ? ` (${e.responseText})` : ''}`;
  return [e.code, e.responseText ?? e.message].filter(Boolean).join(': ') || String(error);
}

async function readNewMessages(orm: MikroORM, client: ImapFlow, path: string, mailbox: string, since: string | undefined): Promise<PollSummary> {
  const summary: PollSummary = { created: 0, threaded: 0, duplicate: 0, unknownSender: 0, skipped: 0 };
  const lock = await client.getMailboxLock(path);
  try {
    const opened = client.mailbox;
    if (!opened) throw new Error(`mailbox ${path} did not open`);
    const uidValidity = opened.uidValidity.toString();
    const em = orm.em.fork();
    const stored = await readMailboxProgress(em, mailbox);
    const lastUid = stored.uidValidity === uidValidity ? stored.lastUid : 0;
    if (stored.uidValidity !== uidValidity) await saveMailboxProgress(em, mailbox, { uidValidity, lastUid });
    if (opened.exists === 0) return summary;
    // "n:*" always includes the highest UID, even when it is below n: filter. With IMAP_SINCE the
    // server leaves out what arrived before that day (SEARCH SINCE, by arrival date); those
    // messages are neither taken in nor flagged.
    const found = await client.search({ uid: `${lastUid + 1}:*`, ...(since ? { since: new Date(`${since}T00:00:00Z`) } : {}) }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (const uid of uids) {
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (message && message.source) {
        const mail = await simpleParser(message.source).catch(() => null);
        const inbound = mail ? toInboundEmail(mail) : ({ ok: false, reason: 'cannot be parsed' } as const);
        const result = inbound.ok ? await takeIn(orm, inbound.input) : inbound;
        if (result.ok) {
          summary[result.outcome] += 1;
        } else {
          await recordSkippedMessage(em, { mailbox, uidValidity, uid, messageId: mail?.messageId ?? null, reason: result.reason });
          summary.skipped += 1;
        }
      }
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      await saveMailboxProgress(em, mailbox, { uidValidity, lastUid: uid });
    }
    return summary;
  } finally {
    lock.release();
  }
}

/**
 * ingestEmail, with a message the database refuses for its content (a data or constraint error,
 * SQLSTATE class 22 or 23) turned into a skip: retrying it would fail the same way forever. A
 * unique violation is a concurrent poll taking the same Message-ID in; the retry finds it taken.
 */
async function takeIn(orm: MikroORM, input: InboundEmailInput): Promise<{ ok: true; outcome: IngestResult['outcome'] } | { ok: false; reason: string }> {
  try {
    const result = await runAs({ id: null, label: 'imap' }, () => ingestEmail(orm.em.fork(), input));
    return { ok: true, outcome: result.outcome };
  } catch (error) {
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^2[23]/.test(sqlState) && sqlState !== '23505') return { ok: false, reason: `refused by the database (${sqlState}): ${(error as Error).message.slice(0, 300)}` };
    throw error;
  }
}

export const pollImapMailboxJob = defineJob(JOBS.pollImapMailbox, async (_payload, { orm, env }) => pollImapMailbox(orm, env));
