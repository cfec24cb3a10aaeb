// Uploading a 20 MB file through POST /api/documents (sniffed, checksummed, stored, one row)
// against what cannot be avoided: the same bytes hashed with sha256 and written to a file in the
// same folder, in this process.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_FILES_DIR } from '../lib/api.ts';
import type { BenchContext, Result } from '../lib/context.ts';
import { round } from '../lib/measure.ts';

const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 10);
const SIZE = 20 * 1024 * 1024;

export async function upload(ctx: BenchContext, log: (line: string) => void): Promise<Result[]> {
  let ours = 0;
  let limit = 0;
  const scratch = join(BENCH_FILES_DIR, 'bench-limit');
  await mkdir(scratch, { recursive: true });
  for (let i = 0; i < UPLOADS + 1; i++) {
    // A real PDF header and a random body: new content each time, so no upload is a duplicate.
    const body = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(SIZE - 9)]);
    const form = new FormData();
    form.append('title', `Bench ${i}`);
    form.append('file', new Blob([body], { type: 'application/pdf' }), `bench-${i}.pdf`);
    let t0 = performance.now();
    const res = await fetch(`${ctx.apiUrl}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${ctx.token}` }, body: form });
    if (res.status !== 201) throw new Error(`Upload answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    const o = performance.now() - t0;
    t0 = performance.now();
    createHash('sha256').update(body).digest('hex');
    await writeFile(join(scratch, `${i}.pdf`), body);
    const l = performance.now() - t0;
    if (i > 0) {
      ours += o;
      limit += l;
    }
  }
  await rm(scratch, { recursive: true, force: true });
  const mbps = (ms: number) => (UPLOADS * 20) / (ms / 1000);
  const ratio = mbps(ours) / mbps(limit);
  log(`  20 MB uploads: ${mbps(ours).toFixed(0)} MB/s, sha256 + file write ${mbps(limit).toFixed(0)} MB/s → ${ratio.toFixed(2)}×`);
  return [
    {
      id: 'upload-20mb',
      scenario: `upload of a 20 MB PDF through POST /api/documents (${UPLOADS} files)`,
      ours: { what: 'HTTP multipart → type check → sha256 → file → document row', throughput: round(mbps(ours)), unit: 'MB' },
      limit: { what: 'sha256 and a file write of the same bytes', throughput: round(mbps(limit)), unit: 'MB' },
      compares: 'throughput',
      ratio: round(ratio, 3),
      goal: 'reported',
      met: null,
    },
  ];
}
