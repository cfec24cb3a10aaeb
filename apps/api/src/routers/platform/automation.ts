import { createAutomationRule, deleteAutomationRule, getAutomationRule, listAutomationRuns, listAutomationRules, setAutomationRuleActive, updateAutomationRule } from '@workmate/db/automation/rules';
import { AutomationRuleCreateInput, AutomationRuleSetActiveInput, AutomationRuleUpdateInput, AutomationRunListInput } from '@workmate/domain/automation';
import { IdInput } from '@workmate/domain/schemas/common';
import { permissionProcedure, router } from '../../trpc.ts';

const rules = permissionProcedure('platform.automation');

/** Automation rules (issue 18): list, create, edit (the whole rule; a new version when trigger, condition or actions change), switch on/off, delete, and the run log. */
export const automationRouter = router({
  list: rules.query(({ ctx }) => listAutomationRules(ctx.em)),
  get: rules.input(IdInput).query(({ ctx, input }) => getAutomationRule(ctx.em, input.id)),
  create: rules.input(AutomationRuleCreateInput).mutation(({ ctx, input }) => createAutomationRule(ctx.em, ctx.user, input)),
  update: rules.input(AutomationRuleUpdateInput).mutation(({ ctx, input }) => updateAutomationRule(ctx.em, ctx.user, input)),
  setActive: rules.input(AutomationRuleSetActiveInput).mutation(({ ctx, input }) => setAutomationRuleActive(ctx.em, input)),
  delete: rules.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteAutomationRule(ctx.em, input.id);
    return { ok: true };
  }),
  runs: rules.input(AutomationRunListInput).query(({ ctx, input }) => listAutomationRuns(ctx.em, input)),
});
