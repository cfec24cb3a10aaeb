export function testEnv() {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) throw new Error('Run the suite with `npm test`: TEST_DATABASE_URL and TEST_REDIS_URL are not set');
  // Stored files (invoice PDFs) of the test run, beside its databases.
  const filesDir = process.env.TEST_FILES_DIR ?? `${process.cwd()}/.data/test-files`;
  return { databaseUrl, redisUrl, filesDir };
}
