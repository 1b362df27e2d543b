import { describe, expect, it } from 'vitest';
import { SessionCache, type SessionInfo } from './auth.ts';

const session = (userId: number): SessionInfo => ({
  tokenHash: 'h',
  csrfToken: 'c',
  locale: 'zh-CN',
  passwordChangeRequired: false,
  actor: { userId, username: `u${userId}`, displayName: 'x', institutionId: 1, teacherId: null, studentId: null, grants: [] },
});

describe('SessionCache', () => {
  it('serves a session from memory within its lifetime, and reads again after it', async () => {
    const cache = new SessionCache(50);
    let loads = 0;
    const load = async () => {
      loads += 1;
      return session(1);
    };
    await cache.find('token', load);
    await cache.find('token', load);
    expect(loads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await cache.find('token', load);
    expect(loads).toBe(2);
  });

  it('a logout during a read in flight is not undone by that read', async () => {
    const cache = new SessionCache(10_000);
    let release!: () => void;
    const slow = () =>
      new Promise<SessionInfo>((resolve) => {
        release = () => resolve(session(1));
      });
    const inFlight = cache.find('token', slow);
    cache.forgetUser(1);
    release();
    expect(await inFlight).not.toBeNull();
    let loads = 0;
    await cache.find('token', async () => {
      loads += 1;
      return null;
    });
    expect(loads).toBe(1);
  });

  it('forgetUser clears every session of that user only', async () => {
    const cache = new SessionCache(10_000);
    await cache.find('a', async () => session(1));
    await cache.find('b', async () => session(2));
    cache.forgetUser(1);
    let reloaded = 0;
    await cache.find('a', async () => {
      reloaded += 1;
      return null;
    });
    await cache.find('b', async () => {
      reloaded += 10;
      return null;
    });
    expect(reloaded).toBe(1);
  });
});
