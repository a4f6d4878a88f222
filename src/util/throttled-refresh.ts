/**
 * A value fetched at most once per `ttlMs`, however often it is read: scrapes every few seconds from several
 * Prometheus servers must not each send a query. A failed fetch keeps the last good value (a metric that drops to
 * nothing while its source is down would read as "nothing overdue") and waits the same interval before trying
 * again; readers meanwhile share the fetch under way.
 */
export interface ThrottledRefresh<T> {
  /** The latest value, fetching first if the last attempt is older than the interval; undefined before any success. */
  get(): Promise<T | undefined>;
}

export function throttledRefresh<T>(
  fetch: () => Promise<T>,
  options: { ttlMs: number; onError: (err: unknown) => void; now?: () => number },
): ThrottledRefresh<T> {
  const now = options.now ?? Date.now;
  let value: T | undefined;
  let attemptedAt = -Infinity;
  let running: Promise<void> | undefined;
  return {
    async get() {
      if (!running && now() - attemptedAt >= options.ttlMs) {
        attemptedAt = now();
        running = fetch().then(
          (v) => {
            value = v;
          },
          (err: unknown) => options.onError(err),
        );
        void running.finally(() => (running = undefined));
      }
      await running;
      return value;
    },
  };
}
