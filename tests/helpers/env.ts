export function testEnv() {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) throw new Error('Run the suite with `npm test`: TEST_DATABASE_URL and TEST_REDIS_URL are not set');
  return { databaseUrl, redisUrl };
}
