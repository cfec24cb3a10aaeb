import { z } from 'zod';
import { Id, Page, plainString } from './common.ts';

export const NotificationListInput = Page.extend({ unread: z.boolean().optional() });
export type NotificationListInput = z.infer<typeof NotificationListInput>;

/** Marks the given notifications read, or all of one's own when no ids are given. */
export const MarkReadInput = z.object({ ids: z.array(Id).max(500).optional() });

/**
 * The id of the last event a client got (EventSource sends it back on reconnect as Last-Event-ID):
 * always `<created at, ISO>|<notification id>` as the server made it; anything else is refused
 * with a 400 before the stream opens.
 */
export const NotificationEventId = plainString().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'must be an event id sent by the server' });
export const OnNewInput = z.object({ lastEventId: NotificationEventId.nullish() }).optional();
