import { noticePdf } from '@workmate/db/dunning/document';
import { discardNotice, getNotice, listNotices, sendNotice } from '@workmate/db/dunning/notices';
import { runDunning } from '@workmate/db/dunning/run';
import { getDunningSettings, updateDunningLevel, updateDunningSettings } from '@workmate/db/dunning/settings';
import { IdInput } from '@workmate/domain/schemas/common';
import { DunningLevelUpdateInput, DunningNoticeListInput, DunningSettingsUpdateInput } from '@workmate/domain/schemas/dunning';
import { permissionProcedure, router } from '../../trpc.ts';

const read = permissionProcedure('dunning.read');
const write = permissionProcedure('dunning.write');

/**
 * Dunning (Mahnwesen, issue 15): the notices the daily run proposes, sending (numbered, frozen,
 * PDF + email by the worker) or discarding them, a run started by hand (for today, Berlin), and
 * the levels and automatic sending in the settings.
 */
export const dunningRouter = router({
  notices: router({
    list: read.input(DunningNoticeListInput).query(({ ctx, input }) => listNotices(ctx.em, input)),
    get: read.input(IdInput).query(({ ctx, input }) => getNotice(ctx.em, input.id)),
    send: write.input(IdInput).mutation(({ ctx, input }) => sendNotice(ctx.em, ctx.user.id, input.id, { smtpConfigured: Boolean(ctx.deps.env.SMTP_URL) })),
    discard: write.input(IdInput).mutation(({ ctx, input }) => discardNotice(ctx.em, input.id)),
    pdf: read.input(IdInput).query(({ ctx, input }) => noticePdf(ctx.em, ctx.deps.storage, input.id)),
  }),
  run: write.mutation(async ({ ctx }) => {
    const result = await runDunning(ctx.em, undefined, ctx.user.email);
    return { today: result.today, due: result.due, proposed: result.proposed.length, superseded: result.superseded };
  }),
  settings: router({
    get: read.query(({ ctx }) => getDunningSettings(ctx.em)),
    update: write.input(DunningSettingsUpdateInput).mutation(({ ctx, input }) => updateDunningSettings(ctx.em, input)),
    updateLevel: write.input(DunningLevelUpdateInput).mutation(({ ctx, input }) => updateDunningLevel(ctx.em, input)),
  }),
});
