import { z } from 'zod';
import { Id, plainString } from './common.ts';

export const CHAT_MAX_LENGTH = 10_000;

export const ChatListInput = z.object({
  projectId: Id,
  /** Older than this message sequence (the `nextCursor` of the previous page); newest first. */
  cursor: z.coerce.number().int().min(1).max(999_999_999_999, { error: 'must be at most 999999999999' }).optional(),
  limit: z.int().min(1, { error: 'must be at least 1' }).max(200, { error: 'must be at most 200' }).default(50),
});
export type ChatListInput = z.infer<typeof ChatListInput>;

export const ChatSendInput = z.object({
  projectId: Id,
  content: plainString()
    .trim()
    .min(1, { error: 'is required' })
    .max(CHAT_MAX_LENGTH, { error: `must be at most ${CHAT_MAX_LENGTH} characters` }),
  /** Employees mentioned with @ (they get a notification). */
  mentions: z.array(Id).max(50).default([]),
  /** Documents attached (uploaded first through POST /api/documents). */
  attachments: z.array(Id).max(10).default([]),
});
export type ChatSendInput = z.infer<typeof ChatSendInput>;

export const ChatEditInput = z.object({
  id: Id,
  content: plainString()
    .trim()
    .min(1, { error: 'is required' })
    .max(CHAT_MAX_LENGTH, { error: `must be at most ${CHAT_MAX_LENGTH} characters` }),
});
export type ChatEditInput = z.infer<typeof ChatEditInput>;

/** A chat event id is the event's sequence number, as the server sent it (see NotificationEventId). */
export const ChatSubscribeInput = z.object({ projectId: Id, lastEventId: plainString().regex(/^\d{1,15}$/, { error: 'must be an event id sent by the server' }).nullish() });
export const ChatMarkReadInput = z.object({ projectId: Id });
export const ChatMembersInput = z.object({ projectId: Id, employeeId: Id });
