import { listAudit } from '@workmate/db/audit/list';
import { AuditListInput } from '@workmate/domain/schemas/audit';
import { permissionProcedure, router } from '../../trpc.ts';

export const auditRouter = router({
  list: permissionProcedure('audit.read').input(AuditListInput).query(({ ctx, input }) => listAudit(ctx.em, input)),
});
