import { z } from 'zod';

const Env = z.object({
  DATABASE_URL: z.string().min(1, { error: 'DATABASE_URL is required' }),
  REDIS_URL: z.string().min(1, { error: 'REDIS_URL is required' }),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(480),
  HEARTBEAT_SECONDS: z.coerce.number().int().min(1).default(5),
});
export type WorkerEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) throw new Error(`The worker configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
