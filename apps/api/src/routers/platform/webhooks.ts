import { z } from 'zod';
import { createWebhookSubscription, deleteWebhookSubscription, getWebhookSubscription, listWebhookAttempts, listWebhookDeliveries, listWebhookSubscriptions, redeliverWebhook, rotateWebhookSecret, sendTestWebhook, updateWebhookSubscription } from '@workmate/db/webhooks/subscriptions';
import { Id, IdInput } from '@workmate/domain/schemas/common';
import { WEBHOOK_EVENT_TYPES, WebhookDeliveryListInput, WebhookSubscriptionCreateInput, WebhookSubscriptionUpdateInput } from '@workmate/domain/webhooks';
import { permissionProcedure, router } from '../../trpc.ts';

const hooks = permissionProcedure('platform.webhooks');
const DeliveryIdInput = z.object({ deliveryId: Id });

/** Outgoing webhooks (issue 18): subscriptions, their secrets, the delivery log, test events and redelivery. */
export const webhooksRouter = router({
  eventTypes: hooks.query(() => [...WEBHOOK_EVENT_TYPES]),
  list: hooks.query(({ ctx }) => listWebhookSubscriptions(ctx.em)),
  get: hooks.input(IdInput).query(({ ctx, input }) => getWebhookSubscription(ctx.em, input.id)),
  /** The answer carries the signing secret (whsec_…); keep it for the receiver. */
  create: hooks.input(WebhookSubscriptionCreateInput).mutation(({ ctx, input }) => createWebhookSubscription(ctx.em, input, ctx.deps.env.WEBHOOK_ALLOWED_HOSTS)),
  update: hooks.input(WebhookSubscriptionUpdateInput).mutation(({ ctx, input }) => updateWebhookSubscription(ctx.em, input, ctx.deps.env.WEBHOOK_ALLOWED_HOSTS)),
  delete: hooks.input(IdInput).mutation(async ({ ctx, input }) => {
    await deleteWebhookSubscription(ctx.em, input.id);
    return { ok: true };
  }),
  rotateSecret: hooks.input(IdInput).mutation(({ ctx, input }) => rotateWebhookSecret(ctx.em, input.id)),
  sendTest: hooks.input(IdInput).mutation(({ ctx, input }) => sendTestWebhook(ctx.em, input.id)),
  deliveries: hooks.input(WebhookDeliveryListInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.em, input)),
  attempts: hooks.input(DeliveryIdInput).query(({ ctx, input }) => listWebhookAttempts(ctx.em, input.deliveryId)),
  redeliver: hooks.input(DeliveryIdInput).mutation(({ ctx, input }) => redeliverWebhook(ctx.em, input.deliveryId)),
});
