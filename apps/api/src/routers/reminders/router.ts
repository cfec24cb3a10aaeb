import { router } from '../../trpc.ts';

export const remindersRouter = router({});
