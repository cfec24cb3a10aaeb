import { tracked } from '@trpc/server';
import { requireChatAccess } from '@workmate/db/chat/access';
import { deleteMessage, editMessage, lastEventSeq, listMessages, messagesAfter, sendMessage, type ChatMessageDto } from '@workmate/db/chat/messages';
import { addMember, listMembers, removeMember } from '@workmate/db/chat/members';
import { markChatRead, unreadCounts } from '@workmate/db/chat/unread';
import { announceChat, announceNotifications } from '@workmate/db/notifications/announce';
import { IdInput } from '@workmate/domain/schemas/common';
import { ChatEditInput, ChatListInput, ChatMarkReadInput, ChatMembersInput, ChatSendInput, ChatSubscribeInput } from '@workmate/domain/schemas/chat';
import type { AppDeps } from '../../context.ts';
import { authedProcedure, router } from '../../trpc.ts';

/**
 * The live events of one project's chat: first what came after `lastEventId` (from Postgres),
 * then what this process's hub hands out, each exactly once in stream order.
 */
async function* chatStream(deps: AppDeps, projectId: string, lastEventId: string | null, signal: AbortSignal | undefined) {
  const queue: ChatMessageDto[] = [];
  let wake: (() => void) | null = null;
  const leave = deps.chat.listen(projectId, (events) => {
    queue.push(...events);
    wake?.();
  });
  try {
    const from = lastEventId ? Number(lastEventId) : Number.NaN;
    let cursor = Number.isSafeInteger(from) && from >= 0 ? from : await lastEventSeq(deps.orm.em.fork(), projectId);
    // Catching up after a long absence comes in batches, until nothing is left.
    for (;;) {
      const batch = await messagesAfter(deps.orm.em.fork(), projectId, cursor);
      for (const m of batch) {
        cursor = m.eventSeq;
        yield tracked(String(m.eventSeq), m);
      }
      if (batch.length < 500) break;
    }
    deps.chat.caughtUp(projectId, cursor);
    // One abort listener for the whole stream (not one per wait).
    const stop = () => wake?.();
    signal?.addEventListener('abort', stop, { once: true });
    while (!signal?.aborted) {
      for (let m = queue.shift(); m; m = queue.shift()) {
        if (m.eventSeq <= cursor) continue;
        cursor = m.eventSeq;
        yield tracked(String(m.eventSeq), m);
      }
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
    signal?.removeEventListener('abort', stop);
  } finally {
    leave();
  }
}

/**
 * Project chats: members only (manager, people with time on the project, added members) or
 * `chat.all` — checked in the services, for history and the live stream alike.
 */
export const chatRouter = router({
  messages: router({
    list: authedProcedure.input(ChatListInput).query(({ ctx, input }) => listMessages(ctx.em, ctx.user, input)),
    send: authedProcedure.input(ChatSendInput).mutation(async ({ ctx, input }) => {
      const { message, mentioned } = await sendMessage(ctx.em, ctx.user, input);
      await announceChat(ctx.deps.redis, [input.projectId]).catch(() => undefined);
      await announceNotifications(ctx.deps.redis, mentioned).catch(() => undefined);
      return message;
    }),
    edit: authedProcedure.input(ChatEditInput).mutation(async ({ ctx, input }) => {
      const message = await editMessage(ctx.em, ctx.user, input);
      await announceChat(ctx.deps.redis, [message.projectId]).catch(() => undefined);
      return message;
    }),
    delete: authedProcedure.input(IdInput).mutation(async ({ ctx, input }) => {
      const message = await deleteMessage(ctx.em, ctx.user, input.id);
      await announceChat(ctx.deps.redis, [message.projectId]).catch(() => undefined);
      return message;
    }),
  }),
  /**
   * New, edited and deleted messages of a project, live (SSE). The event id is the stream
   * position: a client that reconnects with `lastEventId` gets exactly what it missed.
   */
  onMessage: authedProcedure.input(ChatSubscribeInput).subscription(async ({ ctx, input, signal }) => {
    // Checked before the stream opens, so a non-member gets FORBIDDEN like anywhere else.
    await requireChatAccess(ctx.deps.orm.em.fork(), ctx.user, input.projectId);
    return chatStream(ctx.deps, input.projectId, input.lastEventId ?? null, signal);
  }),
  /** Who is in a project's chat; the manager (or projects.write) adds and removes people by hand. */
  members: router({
    list: authedProcedure.input(ChatMarkReadInput).query(({ ctx, input }) => listMembers(ctx.em, ctx.user, input.projectId)),
    add: authedProcedure.input(ChatMembersInput).mutation(({ ctx, input }) => addMember(ctx.em, ctx.user, input.projectId, input.employeeId)),
    remove: authedProcedure.input(ChatMembersInput).mutation(({ ctx, input }) => removeMember(ctx.em, ctx.user, input.projectId, input.employeeId)),
  }),
  unread: authedProcedure.query(({ ctx }) => unreadCounts(ctx.em, ctx.user)),
  markRead: authedProcedure.input(ChatMarkReadInput).mutation(({ ctx, input }) => markChatRead(ctx.em, ctx.user, input.projectId)),
});
