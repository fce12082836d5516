/** An access token as the harness holds it in memory. Never serialised: reports see only redaction markers. */
export interface AccessToken {
  value: string;
  tokenType: string;
  /** Epoch ms; `null` when the endpoint said the token never expires (`expires_in` < 0). */
  expiresAt: number | null;
  expiresIn: number | null;
  /** Scopes granted, from the response's `scope` (space-separated) when present. */
  scopes: string[];
  refreshToken?: string;
  /** Set for an API key (`api_key` grant): the header it is sent in, instead of `Authorization: <type> <value>`. */
  header?: string;
}

export interface TokenProvider {
  /**
   * A valid token, cached until shortly before expiry. `scopes` undefined = the configured scope;
   * an array = ask for exactly these (cached separately). Throws `AuthError` naming the target
   * and token URL when the endpoint refuses.
   */
  getToken(scopes?: string[]): Promise<AccessToken>;
  /** Forget cached tokens (after a 401 on a token the cache believed valid). */
  invalidate(): void;
}
