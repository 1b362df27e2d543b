/** Hooks any page may use: one write at a time with its refusal kept, and a server-paged list. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api.ts';
import { marks } from './format.ts';

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
 * caller goes back to page 1 when it changes a filter. Paging and reloading keep the last answer shown
 * while the next loads (`loading`); changed filters clear it (rows of another filter never linger).
 * Only the latest request's answer is kept.
 */
export function usePagedList<R extends { total: number; items: unknown[] }>(fetch: (page: number) => Promise<R>) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<R | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const lastFetch = useRef(fetch);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    if (lastFetch.current !== fetch) {
      lastFetch.current = fetch;
      setData(null);
    }
    try {
      const result = await fetch(page);
      if (request !== latest.current) return;
      setData(result);
      setError(null);
    } catch (caught) {
      if (request !== latest.current) return;
      setData((current) => current ?? ({ total: 0, items: [] } as unknown as R));
      setError(errorMessage(caught));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [fetch, page]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, page, setPage, reload, error, loading };
}

/**
 * The latest value, readable from an effect that must not re-run when the value changes (a run-once
 * effect that still needs today's callbacks, or a debounced check keyed on a summary of its inputs).
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** The punctuation of the UI's language (see `marks`). */
export function useMarks() {
  const { i18n } = useTranslation();
  return marks(i18n.language);
}
