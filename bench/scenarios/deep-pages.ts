import type { BenchContext, Result } from '../lib/context.ts';

export async function deepPages(_ctx: BenchContext, _log: (line: string) => void): Promise<Result[]> {
  return [];
}
