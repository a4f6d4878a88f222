/** A workflow bundle holding zod and nothing else, for bench/module-memory.ts: what the library costs each workflow. */
import { z } from 'zod';

export async function candidate(): Promise<string> {
  return typeof z.object;
}
