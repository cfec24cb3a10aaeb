import { z } from 'zod';
import { Id, Page, plainString } from './common.ts';

export const NotificationListInput = Page.extend({ unread: z.boolean().optional() });
export type NotificationListInput = z.infer<typeof NotificationListInput>;

/** Marks the given notifications read, or all of one's own when no ids are given. */
export const MarkReadInput = z.object({ ids: z.array(Id).max(500).optional() });

export const OnNewInput = z.object({ lastEventId: plainString().max(100).nullish() }).optional();
