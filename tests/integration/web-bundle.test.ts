import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { startWebApp } from '../helpers/browser.ts';

/**
 * The web app's first load: split into chunks per module page, served precompressed. The
 * scripts index.html loads before anything else (its entry and the chunks it preloads) must
 * come to at most 250 kB as sent over the wire.
 */
const LIMIT = 250 * 1024;
let app: TestApp;
beforeAll(async () => {
  app = await startWebApp();
});
afterAll(async () => {
  await app?.close();
});

/** The raw response (node:http does not decompress, unlike fetch). */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function initialScripts(): Promise<string[]> {
  const html = (await get(`${app.url}/`)).body.toString('utf8');
  const entries = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return [...entries, ...preloads];
}

describe('web app bundle', () => {
  it('is split into more than one JS chunk (module pages load on demand)', () => {
    const dist = process.env.WEB_DIST ?? '';
    const chunks = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`serves the initial scripts with Content-Encoding ${encoding}, at most 250 kB together`, async () => {
      const scripts = await initialScripts();
      expect(scripts.length).toBeGreaterThan(0);
      let total = 0;
      for (const src of scripts) {
        const res = await get(`${app.url}${src}`, encoding === 'br' ? 'gzip, deflate, br' : 'gzip, deflate');
        expect(res.status, src).toBe(200);
        expect(res.headers['content-encoding'], src).toBe(encoding);
        expect(String(res.headers.vary ?? '').toLowerCase()).toContain('accept-encoding');
        total += res.body.length;
      }
      console.log(`initial JS over the wire (${encoding}): ${total} bytes in ${scripts.length} files`);
      expect(total).toBeLessThanOrEqual(LIMIT);
    });
  }

  it('sends scripts uncompressed to a client that accepts no compression', async () => {
    const [first] = await initialScripts();
    const res = await get(`${app.url}${first}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.subarray(0, 200).toString('utf8')).toMatch(/import|function|const|var/);
  });
});
