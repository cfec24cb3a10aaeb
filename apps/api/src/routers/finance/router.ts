import { router } from '../../trpc.ts';

export const financeRouter = router({});
