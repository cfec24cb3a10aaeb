import { tracked } from '@trpc/server';
import { currentCursor, cursorOf, listNotifications, markRead, notificationsAfter } from '@workmate/db/notifications/notifications';
import { MarkReadInput, NotificationListInput, OnNewInput } from '@workmate/domain/schemas/notifications';
import { authedProcedure, router } from '../../trpc.ts';

/** Everyone has their own notifications; no permission beyond being signed in. */
export const notificationsRouter = router({
  list: authedProcedure.input(NotificationListInput).query(({ ctx, input }) => listNotifications(ctx.em, ctx.user.id, input)),
  markRead: authedProcedure.input(MarkReadInput).mutation(({ ctx, input }) => markRead(ctx.em, ctx.user.id, input.ids)),
  /**
   * New notifications, live (SSE). Each event carries its position as the event id, so a client
   * that reconnects with `lastEventId` gets exactly what it missed; without one it starts now.
   */
  onNew: authedProcedure.input(OnNewInput).subscription(async function* ({ ctx, input, signal }) {
    const fresh = () => ctx.deps.orm.em.fork();
    let cursor = input?.lastEventId ?? (await currentCursor(fresh(), ctx.user.id));
    while (!signal?.aborted) {
      for (const n of await notificationsAfter(fresh(), ctx.user.id, cursor)) {
        cursor = cursorOf(n);
        yield tracked(cursor, n);
      }
      await ctx.deps.events.wait(ctx.user.id, signal);
    }
  }),
});
