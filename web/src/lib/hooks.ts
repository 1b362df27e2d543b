/** Hooks any page may use: one write at a time with its refusal kept, and a server-paged list. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api.ts';

/**
 * One write at a time with its refusal kept: `run(work)` marks busy, clears the last failure, and
 * keeps what the server said if the work throws (true when it went through).
 */
export function useAsyncAction() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setFailure(caught);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, error: failure === null ? null : errorMessage(failure), clear: useCallback(() => setFailure(null), []), run };
}

/**
 * A server-paged list that reloads when `fetch` (memoised on its filters) or the page changes; the
 * caller goes back to page 1 when it changes a filter. Only the latest request's answer is kept.
 */
export function usePagedList<T>(fetch: (page: number) => Promise<{ total: number; items: T[] }>) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; items: T[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setData(null);
    try {
      const result = await fetch(page);
      if (request === latest.current) setData(result);
    } catch (caught) {
      if (request !== latest.current) return;
      setData({ total: 0, items: [] });
      setError(errorMessage(caught));
    }
  }, [fetch, page]);
  useEffect(() => { void reload(); }, [reload]);
  return { data, page, setPage, reload, error };
}
