/**
 * Who is trusted: a login in the config's `maintainers`, or one with admin, maintain or write
 * permission on the repository.
 *
 * `author_association` is not used: members of a private organisation show up as CONTRIBUTOR or
 * NONE, and it says nothing about write access. The permission endpoint does, so its answers are
 * cached in the snapshot (`sync.permissions`) and asked again once they are older than a day.
 */
import type { SyncState } from '../lib/schema/snapshot.ts';
import type { IsTrusted } from './to-records.ts';

export type PermissionCache = SyncState['permissions'];

/** Permissions that may post and steer incidents. "triage" can label issues, but not this. */
export const TRUSTED_PERMISSIONS: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

export interface TrustOptions {
  maintainers: readonly string[];
  /** Answers from earlier runs; not modified. */
  cache: PermissionCache;
  now: Date;
  maxAgeMs: number;
  /**
   * Asks GitHub for a login's permission; null when there is no token (the endpoint needs one),
   * in which case only maintainers and still-cached answers count.
   */
  lookup: ((login: string) => Promise<string>) | null;
}

export interface Trust {
  isTrusted: IsTrusted;
  /** Asks GitHub about each login that is not a maintainer and has no fresh answer. */
  refresh(logins: Iterable<string>): Promise<number>;
  /** The cache to store in the next snapshot. */
  readonly cache: PermissionCache;
}

export function createTrust(options: TrustOptions): Trust {
  const maintainers = new Set(options.maintainers.map((m) => m.toLowerCase()));
  const cache: PermissionCache = { ...options.cache };
  const isMaintainer = (login: string) => maintainers.has(login.toLowerCase());
  const isFresh = (login: string) => {
    const entry = cache[login];
    return entry !== undefined && options.now.getTime() - Date.parse(entry.checkedAt) < options.maxAgeMs;
  };
  return {
    cache,
    isTrusted: (login) => isMaintainer(login) || TRUSTED_PERMISSIONS.has(cache[login]?.permission ?? 'none'),
    async refresh(logins) {
      if (!options.lookup) return 0;
      let asked = 0;
      for (const login of new Set(logins)) {
        if (isMaintainer(login) || isFresh(login)) continue;
        cache[login] = { permission: await options.lookup(login), checkedAt: options.now.toISOString() };
        asked++;
      }
      return asked;
    },
  };
}
