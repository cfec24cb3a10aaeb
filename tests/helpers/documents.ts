import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { TestApp } from './app.ts';
import { testEnv } from './env.ts';
import { PASSWORD, userWithRole } from './users.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const tag = () => Buffer.from(randomUUID());

/** Test files; each call gives different bytes (so a different sha256) unless told otherwise. */
export const files = {
  png: () => Buffer.concat([PNG, tag()]),
  pdf: (text: string = randomUUID()) => Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`),
  jpeg: () => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), tag(), Buffer.from('ffd9', 'hex')]),
  /** A Linux executable's header. */
  elf: () => Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(48), tag()]),
  /** A Windows executable's header (MZ … PE). */
  exe: () => {
    const b = Buffer.alloc(256);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    return Buffer.concat([b, tag()]);
  },
  docx: () => zip({ '[Content_Types].xml': contentTypes('wordprocessingml.document'), 'word/document.xml': `<w:document>${randomUUID()}</w:document>` }),
  xlsx: () => zip({ '[Content_Types].xml': contentTypes('spreadsheetml.sheet'), 'xl/workbook.xml': `<workbook>${randomUUID()}</workbook>` }),
  zip: () => zip({ 'readme.txt': randomUUID() }),
};

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main.xml" ContentType="application/vnd.openxmlformats-officedocument.${main}.main+xml"/></Types>`;

/** A minimal zip (entries stored, not compressed): enough for an Office file's structure. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export interface UploadOptions {
  name?: string;
  /** The Content-Type the client claims (never trusted by the server). */
  type?: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
  fileField?: string;
}

export interface UploadAnswer {
  status: number;
  // The JSON answer: { document, duplicate } or { error: { code, message, fieldErrors } }.
  body: {
    document?: { id: string; mimeType: string; fileName: string; sha256: string; sizeBytes: number; version: number; confidential: boolean };
    duplicate?: boolean;
    error?: {
      code: string;
      message: string;
      fieldErrors?: Record<string, string[]>;
      /** The error code and parameters, as tRPC's answers carry them. */
      data?: { appCode?: string; params?: Record<string, string | number>; fieldIssues?: Record<string, Array<{ code: string; params: Record<string, string | number> }>> };
    };
  };
}

/** `POST /api/documents` as a script does it: FormData with a bearer token (or the given headers). */
export async function upload(app: TestApp, token: string | null, bytes: Buffer | null, options: UploadOptions = {}): Promise<UploadAnswer> {
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  if (bytes) form.append(options.fileField ?? 'file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/pdf' }), options.name ?? 'beleg.pdf');
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
  const res = await fetch(`${app.url}/api/documents`, { method: 'POST', body: form, headers });
  return { status: res.status, body: (await res.json()) as UploadAnswer['body'] };
}

export function download(app: TestApp, token: string, id: string, version?: number): Promise<Response> {
  const query = version === undefined ? '' : `?version=${version}`;
  return fetch(`${app.url}/api/documents/${id}/download${query}`, { headers: { authorization: `Bearer ${token}` } });
}

/** Signs in through auth.login and returns the session cookie (`name=value`). */
export async function sessionCookieOf(app: TestApp, email: string): Promise<string> {
  const res = await fetch(`${app.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-workmate-client': 'test' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.includes('=')) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

/** Files under the storage's upload folders (kept and temporary ones), in the test storage or `filesDir`. */
export function storedFileCount(filesDir = testEnv().filesDir): number {
  const count = (dir: string): number => {
    let n = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) n += entry.isDirectory() ? count(join(dir, entry.name)) : 1;
    return n;
  };
  return ['uploads', '.incoming'].reduce((n, dir) => n + (existsSync(join(filesDir, dir)) ? count(join(filesDir, dir)) : 0), 0);
}

/** For the permission matrix: a new, ordinary document uploaded by an admin; returns its id. */
export function documentFixture(app: TestApp): () => Promise<string> {
  let token: Promise<string> | null = null;
  return async () => {
    token ??= userWithRole(app, 'Admin').then((u) => u.token);
    const answer = await upload(app, await token, files.png(), { name: 'matrix.png', fields: { title: 'Matrix' } });
    if (!answer.body.document) throw new Error(`upload failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.document.id;
  };
}
