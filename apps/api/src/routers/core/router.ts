import { createDepartment, deleteDepartment, getDepartment, listDepartments, updateDepartment } from '@workmate/db/core/departments';
import { createEmployee, deleteEmployee, getEmployee, listEmployees, restoreEmployee, updateEmployee } from '@workmate/db/core/employees';
import { createRole, deleteRole, getRole, listRoles, updateRole } from '@workmate/db/core/roles';
import { getSettings, updateSettings } from '@workmate/db/core/settings';
import { IdInput } from '@workmate/domain/schemas/common';
import {
  DepartmentCreateInput,
  DepartmentUpdateInput,
  EmployeeCreateInput,
  EmployeeListInput,
  EmployeeUpdateInput,
  RoleCreateInput,
  RoleUpdateInput,
  SettingsUpdateInput,
} from '@workmate/domain/schemas/core';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('core.read');
const admin = permissionProcedure('core.admin');

export const coreRouter = router({
  departments: router({
    list: read.query(({ ctx }) => listDepartments(ctx.em)),
    get: read.input(IdInput).query(({ ctx, input }) => getDepartment(ctx.em, input.id)),
    create: admin.input(DepartmentCreateInput).mutation(({ ctx, input }) => createDepartment(ctx.em, input)),
    update: admin.input(DepartmentUpdateInput).mutation(({ ctx, input }) => updateDepartment(ctx.em, input)),
    delete: admin.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteDepartment(ctx.em, input.id);
      return { ok: true };
    }),
  }),
  roles: router({
    list: read.query(({ ctx }) => listRoles(ctx.em)),
    get: read.input(IdInput).query(({ ctx, input }) => getRole(ctx.em, input.id)),
    create: admin.input(RoleCreateInput).mutation(({ ctx, input }) => createRole(ctx.em, input)),
    update: admin.input(RoleUpdateInput).mutation(({ ctx, input }) => updateRole(ctx.em, input)),
    delete: admin.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteRole(ctx.em, input.id);
      return { ok: true };
    }),
  }),
  employees: router({
    // Colleagues' personal data (birth date, home address, …) only with core.employees.manage.
    list: read.input(EmployeeListInput).query(({ ctx, input }) => listEmployees(ctx.em, input, ctx.user)),
    get: read.input(IdInput).query(({ ctx, input }) => getEmployee(ctx.em, input.id, ctx.user)),
    create: admin.input(EmployeeCreateInput).mutation(({ ctx, input }) => createEmployee(ctx.em, input)),
    update: admin.input(EmployeeUpdateInput).mutation(({ ctx, input }) => updateEmployee(ctx.em, input, ctx.user.id)),
    delete: admin.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteEmployee(ctx.em, input.id, ctx.user.id);
      return { ok: true };
    }),
    restore: admin.input(IdInput).mutation(({ ctx, input }) => restoreEmployee(ctx.em, input.id)),
  }),
  settings: router({
    get: read.query(({ ctx }) => getSettings(ctx.em)),
    update: admin.input(SettingsUpdateInput).mutation(({ ctx, input }) => updateSettings(ctx.em, input)),
  }),
});
