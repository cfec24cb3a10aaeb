import { router } from '../../trpc.ts';

export const documentsRouter = router({});
