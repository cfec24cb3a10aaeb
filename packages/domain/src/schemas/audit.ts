import { z } from 'zod';
import { AUDIT_ACTIONS } from '../enums.ts';
import { Id, Page, plainString } from './common.ts';

export const AuditListInput = Page.extend({
  entity: plainString().trim().max(60).optional(),
  entityId: plainString().trim().max(60).optional(),
  actorId: Id.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListInput = z.infer<typeof AuditListInput>;
