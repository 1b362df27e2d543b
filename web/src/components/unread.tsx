/**
 * The signed-in person's unread count, live: one server-sent-events stream per page (the server pushes
 * the count when it changes); if the stream cannot be kept open, the count is polled every 30 seconds.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { client, unwrap } from '../api/client.ts';

interface UnreadState {
  unread: number;
  refresh: () => Promise<void>;
}

const UnreadContext = createContext<UnreadState>({ unread: 0, refresh: async () => undefined });

export function UnreadProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(async () => {
    try {
      setUnread((await unwrap(client.GET('/api/me/notifications/unread-count'))).unread);
    } catch {
      // keep the last count; the stream or the next poll corrects it
    }
  }, []);

  useEffect(() => {
    let poll: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      if (poll) return;
      void refresh();
      poll = setInterval(() => void refresh(), 30_000);
    };
    if (typeof EventSource === 'undefined') {
      startPolling();
      return () => {
        if (poll) clearInterval(poll);
      };
    }
    const stream = new EventSource('/api/me/notifications/stream');
    stream.addEventListener('unread', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { unread: number };
      setUnread(data.unread);
    });
    // The browser reconnects by itself; polling covers the time the stream is down.
    stream.onerror = () => startPolling();
    stream.onopen = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    return () => {
      stream.close();
      if (poll) clearInterval(poll);
    };
  }, [refresh]);

  const value = useMemo(() => ({ unread, refresh }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): UnreadState {
  return useContext(UnreadContext);
}
