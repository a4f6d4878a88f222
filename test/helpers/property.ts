/**
 * fast-check's parameters for every property test, from the environment, so
 * that a failure seen in CI can be replayed and a property can be run under
 * many seeds before it is trusted:
 *   FC_SEED=<n>      replay one seed (fast-check prints it with every failure);
 *   FC_SEEDS=<k>     run the property under k seeds in a row (`npm run test:seeds` uses 50);
 *   FC_NUM_RUNS=<n>  runs per seed instead of the test's own number.
 * With none set, each property runs once under a fresh random seed, as fast-check does by default.
 */
import type { Parameters } from 'fast-check';

const int = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got '${raw}'`);
  return n;
};

export function propertyRuns<T>(numRuns: number): Parameters<T>[] {
  const runs = int('FC_NUM_RUNS') ?? numRuns;
  const seed = int('FC_SEED');
  if (seed !== undefined) return [{ seed, numRuns: runs }];
  const count = int('FC_SEEDS') ?? 1;
  // Seeds chosen here rather than by fast-check so each one is printed with its failure and can be replayed.
  return Array.from({ length: count }, () => ({ seed: Math.floor(Math.random() * 2 ** 31), numRuns: runs }));
}
