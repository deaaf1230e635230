import type { UserWithCompany } from './auth.repository.ts';

/** The channel migration 0008's triggers notify when a principal may have changed. */
export const AUTH_CHANGES_CHANNEL = 'rentledger_auth_changes';

export type LiveSession = { user: UserWithCompany; sessionId: string; csrfToken: string; lastSeenAt: Date; expiresAt: Date };

export type SessionCacheOptions = {
  /** Sessions kept; the oldest cached goes first. */
  maxEntries?: number;
  /** How long a cached session is trusted without a look at the database, even if a notification were missed. */
  ttlMs?: number;
  now?: () => number;
};

/**
 * The sessions this process resolved, keyed by token hash, so a signed-in request costs no database round trip
 * for its principal. It is only used while the process listens on AUTH_CHANGES_CHANNEL (composition.ts wires the
 * listener): a notification forgets the user's or company's sessions, and a lost connection forgets all and
 * turns the cache off until LISTEN holds again.
 *
 * A lookup that was in flight while a notification arrived may carry what the change replaced; each change
 * bumps a generation, and `put` refuses a session read under an older one.
 */
export function createSessionCache({ maxEntries = 10_000, ttlMs = 30_000, now = Date.now }: SessionCacheOptions = {}) {
  const entries = new Map<string, { session: LiveSession; cachedAt: number }>();
  let generation = 0;
  let enabled = false;

  function forgetWhere(matches: (session: LiveSession) => boolean) {
    generation += 1;
    for (const [tokenHash, { session }] of entries) if (matches(session)) entries.delete(tokenHash);
  }

  return {
    get(tokenHash: string): LiveSession | undefined {
      if (!enabled) return undefined;
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      const at = now();
      if (at - entry.cachedAt > ttlMs || entry.session.expiresAt.getTime() <= at) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.session;
    },

    /** Read before a lookup and handed to `put` with its answer. */
    generation(): number {
      return generation;
    },

    put(tokenHash: string, session: LiveSession, readInGeneration: number) {
      if (!enabled || readInGeneration !== generation) return;
      entries.delete(tokenHash);
      entries.set(tokenHash, { session, cachedAt: now() });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },

    /** The session's sliding expiry was written. */
    extended(tokenHash: string, lastSeenAt: Date, expiresAt: Date) {
      const entry = entries.get(tokenHash);
      if (entry) entry.session = { ...entry.session, lastSeenAt, expiresAt };
    },

    /** This process ended the session: forget it now, before the notification comes back. */
    forgetSession(sessionId: string) {
      forgetWhere((session) => session.sessionId === sessionId);
    },

    /** A notification's payload (migration 0008): `u:<user id>`, `c:<company id>` or `*`. */
    applyChange(payload: string) {
      if (payload.startsWith('u:')) forgetWhere((session) => session.user.id === payload.slice(2));
      else if (payload.startsWith('c:')) forgetWhere((session) => session.user.company?.id === payload.slice(2));
      else forgetWhere(() => true);
    },

    /** Whether changes are being heard: off, nothing is served from memory and everything kept is forgotten. */
    setEnabled(listening: boolean) {
      enabled = listening;
      forgetWhere(() => true);
    },

    get size() {
      return entries.size;
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
