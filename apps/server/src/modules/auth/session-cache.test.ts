import { describe, expect, it } from 'vitest';
import { createSessionCache, type LiveSession } from './session-cache.ts';

const FAR = new Date('2099-01-01T00:00:00Z');

function sessionOf(id: string, userId = 'user-1', companyId: string | null = 'company-1'): LiveSession {
  return {
    sessionId: id,
    csrfToken: `csrf-${id}`,
    lastSeenAt: new Date(0),
    expiresAt: FAR,
    user: {
      id: userId,
      email: `${userId}@example.com`,
      role: companyId ? 'landlord' : 'resident',
      firstName: 'Ada',
      lastName: 'Lovelace',
      passwordHash: null,
      disabledAt: null,
      emailVerifiedAt: null,
      twoFactorEnabledAt: null,
      companyRequiresTwoFactor: false,
      company: companyId ? { id: companyId, name: 'Maple', slug: 'maple' } : null,
    },
  } as LiveSession;
}

function enabledCache(options: Parameters<typeof createSessionCache>[0] = {}) {
  const cache = createSessionCache(options);
  cache.setEnabled(true);
  return cache;
}

describe('session cache', () => {
  it('serves nothing until it is enabled (LISTEN holds), and forgets everything when disabled', () => {
    const cache = createSessionCache();
    cache.put('a', sessionOf('s1'), cache.generation());
    expect(cache.get('a')).toBeUndefined();
    cache.setEnabled(true);
    cache.put('a', sessionOf('s1'), cache.generation());
    expect(cache.get('a')?.sessionId).toBe('s1');
    cache.setEnabled(false);
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a session read before a change arrived (the lookup may carry what the change replaced)', () => {
    const cache = enabledCache();
    const before = cache.generation();
    cache.applyChange('u:someone-else');
    cache.put('a', sessionOf('s1'), before);
    expect(cache.get('a')).toBeUndefined();
    cache.put('a', sessionOf('s1'), cache.generation());
    expect(cache.get('a')).toBeDefined();
  });

  it("a user's change forgets that user's sessions, a company's its staff's, '*' all", () => {
    const cache = enabledCache();
    const put = (hash: string, session: LiveSession) => cache.put(hash, session, cache.generation());
    put('a', sessionOf('s1', 'user-1', 'company-1'));
    put('b', sessionOf('s2', 'user-1', 'company-1'));
    put('c', sessionOf('s3', 'user-2', 'company-2'));
    put('d', sessionOf('s4', 'user-3', null));
    cache.applyChange('u:user-1');
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
    expect(cache.get('c')).toBeDefined();
    cache.applyChange('c:company-2');
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('d')).toBeDefined();
    cache.applyChange('*');
    expect(cache.size).toBe(0);
  });

  it('signing out on this process forgets the session at once', () => {
    const cache = enabledCache();
    cache.put('a', sessionOf('s1'), cache.generation());
    cache.forgetSession('s1');
    expect(cache.get('a')).toBeUndefined();
  });

  it('trusts a session for ttlMs at most, and never past its expiry', () => {
    let now = 1_000;
    const cache = enabledCache({ ttlMs: 100, now: () => now });
    cache.put('a', sessionOf('s1'), cache.generation());
    now += 100;
    expect(cache.get('a')).toBeDefined();
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    cache.put('b', { ...sessionOf('s2'), expiresAt: new Date(now + 10) }, cache.generation());
    now += 10;
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest cached, and takes a written sliding expiry', () => {
    const cache = enabledCache({ maxEntries: 2 });
    for (const hash of ['a', 'b', 'c']) cache.put(hash, sessionOf(hash), cache.generation());
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    const seen = new Date('2026-12-07T12:00:00Z');
    cache.extended('c', seen, FAR);
    expect(cache.get('c')?.lastSeenAt).toEqual(seen);
  });
});
