import { router } from '../../trpc.ts';
import { automationRouter } from './automation.ts';
import { webhooksRouter } from './webhooks.ts';

/** Platform (issue 18): outgoing webhooks and automation rules, admins only by default. */
export const platformRouter = router({
  webhooks: webhooksRouter,
  automation: automationRouter,
});
