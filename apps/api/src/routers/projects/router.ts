import { createProject, deleteProject, getProject, listProjects, restoreProject, updateProject } from '@workmate/db/projects/projects';
import { projectStatistics } from '@workmate/db/projects/statistics';
import { hasPermission } from '@workmate/domain/permissions';
import { IdInput } from '@workmate/domain/schemas/common';
import { ProjectCreateInput, ProjectListInput, ProjectUpdateInput } from '@workmate/domain/schemas/projects';
import { lacksPermission, permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('projects.read');
const write = permissionProcedure('projects.write');
const remove = permissionProcedure('projects.delete');
const restore = permissionProcedure('projects.restore');

export const projectsRouter = router({
  list: read.input(ProjectListInput).query(({ ctx, input }) => {
    // Deleted projects are visible only to those who may restore them.
    if (input.deleted && !hasPermission(ctx.user.permissions, 'projects.restore')) {
      throw lacksPermission('projects.restore');
    }
    return listProjects(ctx.em, input);
  }),
  get: read.input(IdInput).query(({ ctx, input }) => getProject(ctx.em, input.id, { includeDeleted: hasPermission(ctx.user.permissions, 'projects.restore') })),
  create: write.input(ProjectCreateInput).mutation(({ ctx, input }) => createProject(ctx.em, input)),
  update: write.input(ProjectUpdateInput).mutation(({ ctx, input }) => updateProject(ctx.em, input)),
  delete: remove.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteProject(ctx.em, input.id);
    return { ok: true };
  }),
  restore: restore.input(IdInput).mutation(({ ctx, input }) => restoreProject(ctx.em, input.id)),
  statistics: read
    .input(IdInput)
    .query(({ ctx, input }) => projectStatistics(ctx.em, input.id, ctx.user, { includeDeleted: hasPermission(ctx.user.permissions, 'projects.restore') })),
});
