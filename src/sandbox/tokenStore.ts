import { randomUUID } from 'node:crypto';

/** Who a token was issued to and what it may do. */
export interface GrantRecord {
  clientId: string;
  /** Set for the password grant (and tokens refreshed from it). */
  username?: string;
  scopes: string[];
}

/** Refresh tokens: opaque UUIDs on both platforms; used once, then replaced (WSO2 renews them by default). */
export class RefreshTokenStore {
  private readonly tokens = new Map<string, GrantRecord>();

  issue(record: GrantRecord): string {
    const token = randomUUID();
    this.tokens.set(token, record);
    return token;
  }

  /** Removes and returns the grant behind a refresh token, if it belongs to `clientId`. */
  take(token: string, clientId: string): GrantRecord | undefined {
    const record = this.tokens.get(token);
    if (!record || record.clientId !== clientId) return undefined;
    this.tokens.delete(token);
    return record;
  }
}

/**
 * API Cloud's opaque access tokens (facts §1: UUID-shaped, 3600 s by default). Revocation takes
 * effect at once here; the real gateway may keep honouring a revoked token for up to ~15 min
 * from its cache (facts §1), which a sandbox has no reason to imitate.
 */
export class OpaqueTokenStore {
  private readonly tokens = new Map<string, GrantRecord & { expiresAtMs: number }>();

  issue(record: GrantRecord, lifetimeSec: number, nowMs = Date.now()): string {
    const token = randomUUID();
    this.tokens.set(token, { ...record, expiresAtMs: nowMs + lifetimeSec * 1000 });
    return token;
  }

  /** The grant behind a live token; undefined for unknown, revoked or expired tokens. */
  lookup(token: string, nowMs = Date.now()): GrantRecord | undefined {
    const record = this.tokens.get(token);
    if (!record || record.expiresAtMs <= nowMs) return undefined;
    return record;
  }

  /** RFC 7009: revoking an unknown token, or another client's, is silently a no-op. */
  revoke(token: string, clientId: string): void {
    if (this.tokens.get(token)?.clientId === clientId) this.tokens.delete(token);
  }
}
