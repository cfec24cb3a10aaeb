import { createActivity, deleteActivity, listActivities } from '@workmate/db/crm/activities';
import { createContact, deleteContact, getContact, listContacts, updateContact } from '@workmate/db/crm/contacts';
import { createCustomer, deleteCustomer, getCustomer, listCustomers, restoreCustomer, updateCustomer } from '@workmate/db/crm/customers';
import { customerHistory } from '@workmate/db/crm/history';
import { customerOverview } from '@workmate/db/crm/overview';
import { crmStats } from '@workmate/db/crm/stats';
import { hasPermission } from '@workmate/domain/permissions';
import { IdInput } from '@workmate/domain/schemas/common';
import {
  ActivityCreateInput,
  ActivityListInput,
  ContactCreateInput,
  ContactListInput,
  ContactUpdateInput,
  CustomerCreateInput,
  CustomerHistoryInput,
  CustomerListInput,
  CustomerUpdateInput,
} from '@workmate/domain/schemas/crm';
import { lacksPermission, permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('crm.read');
const write = permissionProcedure('crm.write');
const remove = permissionProcedure('crm.delete');
const restore = permissionProcedure('crm.restore');

export const crmRouter = router({
  customers: router({
    list: read.input(CustomerListInput).query(({ ctx, input }) => {
      // Deleted customers are visible only to those who may restore them.
      if (input.deleted && !hasPermission(ctx.user.permissions, 'crm.restore')) {
        throw lacksPermission('crm.restore');
      }
      return listCustomers(ctx.em, input);
    }),
    get: read.input(IdInput).query(({ ctx, input }) => getCustomer(ctx.em, input.id, { includeDeleted: hasPermission(ctx.user.permissions, 'crm.restore') })),
    create: write.input(CustomerCreateInput).mutation(({ ctx, input }) => createCustomer(ctx.em, input)),
    update: write.input(CustomerUpdateInput).mutation(({ ctx, input }) => updateCustomer(ctx.em, input)),
    delete: remove.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteCustomer(ctx.em, input.id);
      return { ok: true };
    }),
    restore: restore.input(IdInput).mutation(({ ctx, input }) => restoreCustomer(ctx.em, input.id)),
    /** Projects (with projects.read) and invoices, open balance and revenue (with invoices.read) of one customer. */
    overview: read.input(IdInput).query(({ ctx, input }) => customerOverview(ctx.em, ctx.user, input.id)),
    history: read.input(CustomerHistoryInput).query(({ ctx, input }) => customerHistory(ctx.em, input.id, input.limit)),
  }),
  contacts: router({
    list: read.input(ContactListInput).query(({ ctx, input }) => listContacts(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getContact(ctx.em, input.id)),
    create: write.input(ContactCreateInput).mutation(({ ctx, input }) => createContact(ctx.em, input)),
    update: write.input(ContactUpdateInput).mutation(({ ctx, input }) => updateContact(ctx.em, input)),
    delete: write.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteContact(ctx.em, input.id);
      return { ok: true };
    }),
  }),
  activities: router({
    list: read.input(ActivityListInput).query(({ ctx, input }) => listActivities(ctx.em, input)),
    create: write.input(ActivityCreateInput).mutation(({ ctx, input }) => createActivity(ctx.em, input, ctx.user.id)),
    delete: write.input(IdInput).mutation(async ({ ctx, input }) => {
      await deleteActivity(ctx.em, input.id);
      return { ok: true };
    }),
  }),
  stats: read.query(({ ctx }) => crmStats(ctx.em)),
});
