import { router } from '../../trpc.ts';

export const dashboardsRouter = router({});
