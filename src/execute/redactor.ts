import { apiKeyHeaderNames as vendorApiKeyHeaderNames } from '../profiles/apiKeyHeaders';
import { decodeJwt, jwtShapedRegex } from '../shared/jwtShape';
import { StringTable } from '../shared/intern';
import { LiteralMatcher } from './literalMatcher';
import { hexVariants, secretForms, secretVariants } from './secretVariants';
import { wrappedBase64Blocks } from './wrappedBase64';

/**
 * A run-wide registry this one takes part in (Jest workers are separate processes: a token one
 * of them was issued must be hidden in every other one's output too). `share` hears every value
 * registered here; `sync` brings in what the others registered since the last sync; `flush`
 * resolves when everything shared so far has arrived.
 */
export interface RegistryLink {
  share(value: string, label: string): void;
  sync(into: Redactor): Promise<void>;
  flush(): Promise<void>;
}

/**
 * The run's registry of secret values, and the one place redaction happens: when an exchange is
 * recorded. Reporters never redact; they only ever see what this class returned.
 *
 * - every registered value, in any of the encodings of `secretVariants` → `«redacted:<label>»`;
 * - JWT-shaped strings keep header and payload (claims are what token parity compares) but lose
 *   their signature (`«sig»`), unless a registered secret hides inside the decoded parts, in
 *   which case the whole token goes;
 * - credentials by position, registered or not: `Authorization`/`Proxy-Authorization` values
 *   (the scheme stays), cookie values, API-key headers, `access_token=`-style parameters and
 *   `"access_token": "…"`-style JSON members;
 * - header NAMES as well as values (`x-session-<token>: 1` is as much a leak as a value);
 * - hex (any case) and line-wrapped base64 of registered values, and their trimmed forms.
 */
export class Redactor {
  private readonly matcher = new LiteralMatcher<string>();
  private readonly hexMatcher = new LiteralMatcher<string>({ ignoreCase: true });
  private readonly secrets = new Map<string, string>();
  /** Registrations in order: `version` n means the first n of them. */
  private readonly history: Array<[value: string, label: string]> = [];
  private readonly headerNames = new Map<string, string>();
  private link: RegistryLink | undefined;
  private changes = 0;

  /**
   * Registers a secret value under a label such as `legacy.access_token`. Empty values are
   * ignored; a padded value registers its trimmed form too. Shared with the run-wide registry
   * when one is attached.
   */
  add(value: string, label: string): void {
    if (value === '' || this.secrets.has(value)) return;
    this.secrets.set(value, label);
    for (const form of secretForms(value)) {
      for (const variant of secretVariants(form)) this.matcher.add(variant, label);
      for (const variant of hexVariants(form)) this.hexMatcher.add(variant, label);
    }
    this.headerNames.clear();
    this.history.push([value, label]);
    this.changes += 1;
    this.link?.share(value, label);
  }

  /**
   * Joins a run-wide registry: everything registered so far is shared now, everything later as
   * it comes; `sync` pulls in what other processes registered.
   */
  attach(link: RegistryLink): void {
    this.link = link;
    for (const [value, label] of this.secrets) link.share(value, label);
  }

  /** Brings in the run-wide registry's values (a no-op without one). */
  async sync(): Promise<void> {
    if (this.link) await this.link.sync(this);
  }

  /** Resolves when every value registered here has reached the run-wide registry (at once without one). */
  flush(): Promise<void> {
    return this.link ? this.link.flush() : Promise.resolve();
  }

  /** Counts registrations: a record made before the count moved may hold a value registered since. */
  get version(): number {
    return this.changes;
  }

  /** Every registered value and its label, for handing to a run-wide registry. Never for output. */
  entries(): Array<[value: string, label: string]> {
    return [...this.secrets];
  }

  /**
   * Registers a client secret and the `id:secret` pair that `Authorization: Basic` encodes, so
   * that the Basic header's base64 is recognised as this secret wherever it appears.
   */
  addClientCredentials(clientId: string, clientSecret: string, label: string): void {
    this.add(clientSecret, label);
    this.add(`${clientId}:${clientSecret}`, label);
  }

  /** How many values are registered. */
  get size(): number {
    return this.secrets.size;
  }

  /**
   * Length of the longest encoded form of any secret. A body cut closer than this to its end
   * may end in an unrecognisable prefix of a secret, so callers drop that many characters.
   */
  get longestSecretForm(): number {
    return this.matcher.longestPattern;
  }

  /**
   * True for a header that must not follow a redirect to another origin: the credential headers
   * (Authorization, Proxy-Authorization, Cookie), every API-key header, and any header whose
   * name or value carries a registered secret (an `{{env.*}}` CSRF token, a captured session id).
   */
  isCredentialHeader(name: string, value: string): boolean {
    const lower = name.toLowerCase();
    if (credentialHeaderNames.has(lower) || apiKeyHeaderNames.has(lower)) return true;
    return this.labelFoundIn(name) !== undefined || this.labelFoundIn(value) !== undefined;
  }

  /** The label of a registered secret found in `text` (any encoding), if any. */
  labelFoundIn(text: string): string | undefined {
    const found = this.matcher.test(text) ?? this.hexMatcher.test(text);
    if (found !== undefined) return found;
    for (const block of wrappedBase64Blocks(text)) {
      const inBlock = this.matcher.test(block.joined);
      if (inBlock !== undefined) return inBlock;
    }
    return undefined;
  }

  redactText(text: string): string {
    if (text === '') return text;
    let out = this.redactWrappedBase64(text);
    if (out.includes('eyJ')) out = out.replace(jwtShapedRegex(), (token) => this.redactJwt(token));
    out = this.matcher.replace(out, (label) => marker(label));
    if (this.hexMatcher.size > 0) out = this.hexMatcher.replace(out, (label) => marker(label));
    if (out.includes('=')) out = out.replace(sensitiveParam, (all, lead: string, name: string, value: string) => (isMarker(value) ? all : `${lead}${name}=${marker(name.toLowerCase())}`));
    if (out.includes('"')) out = out.replace(sensitiveJsonMember, (all, head: string, name: string, value: string) => (isMarker(value) ? all : `${head}"${marker(name.toLowerCase())}"`));
    return out;
  }

  /** A URL for a record or a message: user-info password and credential parameters hidden. */
  redactUrl(url: string): string {
    const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, (_all, head: string) => `${head}:${marker('url-password')}@`);
    return this.redactText(withoutPassword);
  }

  /**
   * Header names lower-cased, repeated values joined (`set-cookie` with "\n", others with ", "),
   * and credentials hidden.
   */
  redactHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    // for…in, not Object.entries: no pair arrays for every header of every exchange.
    for (const rawName in headers) {
      if (!Object.prototype.hasOwnProperty.call(headers, rawName)) continue;
      const rawValue = headers[rawName];
      if (rawValue === undefined) continue;
      const name = this.redactHeaderName(rawName);
      const joined = Array.isArray(rawValue) ? rawValue.join(name === 'set-cookie' ? '\n' : ', ') : String(rawValue);
      const value = out[name] === undefined ? joined : `${out[name]}${name === 'set-cookie' ? '\n' : ', '}${joined}`;
      out[name] = value;
    }
    // Interned: the same header values come back on every exchange of a run, and all are kept.
    for (const name in out) out[name] = headerValues.intern(this.redactHeader(name, out[name] as string));
    return out;
  }

  /** Walks a parsed JSON value: every string redacted, credential members hidden by name. */
  redactJson<T>(value: T): T {
    return this.walk(value, undefined) as T;
  }

  /**
   * Redacts a record made earlier (a case result, a run part) again with everything registered
   * since: every string and every object key through `redactText`. Unlike `redactJson` it hides
   * nothing by member name, so the result model's own fields keep their meaning.
   */
  redactRecord<T>(value: T): T {
    return this.walkRecord(value) as T;
  }

  /**
   * `redactRecord`, but only when something registered after `version` occurs in the record:
   * one text scan for the new values decides, so a 10 MiB body is not walked again because an
   * unrelated token was issued meanwhile.
   */
  redactRecordSince<T>(value: T, version: number): T {
    if (version >= this.changes) return value;
    let probe: Redactor = this;
    if (version > 0) {
      probe = new Redactor();
      for (const [secret, label] of this.history.slice(version)) probe.add(secret, label);
    }
    // JSON text of the record, line breaks restored so that wrapped base64 is seen as wrapped.
    const text = JSON.stringify(value).replace(/\\r\\n|\\n/g, '\n');
    return probe.labelFoundIn(text) === undefined && !probe.hidesInJwt(text) ? value : this.redactRecord(value);
  }

  /** A registered secret inside the decoded parts of a JWT-shaped string of `text`. */
  private hidesInJwt(text: string): boolean {
    if (!text.includes('eyJ')) return false;
    for (const token of text.match(jwtShapedRegex()) ?? []) if (this.jwtSecretLabel(token) !== undefined) return true;
    return false;
  }

  private walkRecord(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.walkRecord(item));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[this.redactText(k)] = this.walkRecord(v);
      return out;
    }
    return value;
  }

  /** A header name lower-cased, with any registered secret inside it hidden (cached: names repeat). */
  private redactHeaderName(rawName: string): string {
    let redacted = this.headerNames.get(rawName);
    if (redacted === undefined) {
      // Tested before lower-casing: a token with capitals is no longer itself in the lower-cased name.
      redacted = (this.labelFoundIn(rawName) === undefined ? rawName : this.redactText(rawName)).toLowerCase();
      if (this.headerNames.size >= 4096) this.headerNames.clear();
      this.headerNames.set(rawName, redacted);
    }
    return redacted;
  }

  /** A line-wrapped base64 block that holds a registered secret goes as a whole. */
  private redactWrappedBase64(text: string): string {
    const blocks = wrappedBase64Blocks(text);
    if (blocks.length === 0) return text;
    let out = '';
    let at = 0;
    for (const block of blocks) {
      const label = this.matcher.test(block.joined);
      if (label === undefined) continue;
      out += `${text.slice(at, block.start)}${marker(label)}`;
      at = block.end;
    }
    return at === 0 ? text : out + text.slice(at);
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') {
      if (key !== undefined && sensitiveKeys.has(key.toLowerCase()) && !isMarker(value)) return marker(key.toLowerCase());
      return this.redactText(value);
    }
    if (Array.isArray(value)) return value.map((item) => this.walk(item, undefined));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[this.redactText(k)] = this.walk(v, k);
      return out;
    }
    return value;
  }

  private redactHeader(name: string, value: string): string {
    switch (name) {
      case 'authorization':
      case 'proxy-authorization':
        return this.redactCredentialHeader(name, value);
      case 'cookie':
        return value.replace(/(^|;\s*)([^=;\s]+)=([^;]*)/g, (_all, lead: string, cookie: string) => `${lead}${cookie}=${marker('cookie')}`);
      case 'set-cookie':
        return value
          .split('\n')
          .map((line) => line.replace(/^(\s*[^=;\s]+)=([^;]*)/, (_all, cookie: string) => `${cookie}=${marker('set-cookie')}`))
          .map((line) => this.redactText(line))
          .join('\n');
      default:
        if (apiKeyHeaderNames.has(name)) return this.labelFoundIn(value) ? this.redactText(value) : marker(name);
        return this.redactText(value);
    }
  }

  private redactCredentialHeader(name: string, value: string): string {
    // A scheme without credentials (`Bearer`, as a missing-credentials case sends) hides nothing.
    if (/^\s*(bearer|basic|digest|negotiate|oauth|apikey)?\s*$/i.test(value)) return value;
    const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s+(\S.*?)\s*$/.exec(value);
    const fallback = name === 'authorization' ? 'authorization' : 'proxy-authorization';
    if (!match) return marker(this.labelOf(value.trim()) ?? fallback);
    const [, scheme, credentials] = match as unknown as [string, string, string];
    return `${scheme} ${marker(this.labelOf(credentials) ?? fallback)}`;
  }

  /** The label of a registered secret that is (or is inside) this credential. */
  private labelOf(credentials: string): string | undefined {
    return this.matcher.exact(credentials) ?? this.matcher.test(credentials) ?? this.jwtSecretLabel(credentials);
  }

  private jwtSecretLabel(token: string): string | undefined {
    const decoded = decodeJwt(token);
    return decoded ? this.matcher.test(decoded.decodedText) : undefined;
  }

  private redactJwt(token: string): string {
    const registered = this.matcher.exact(token);
    if (registered !== undefined) return marker(registered);
    const decoded = decodeJwt(token);
    if (!decoded) return token;
    const hidden = this.matcher.test(decoded.decodedText);
    if (hidden !== undefined) return marker(hidden);
    const [h, p, s] = decoded.parts;
    // An unsecured JWT (`alg: none`) has no signature to hide.
    return s === '' ? token : `${h}.${p}.«sig»`;
  }
}

const headerValues = new StringTable();
/** Headers that carry credentials by definition (RFC 9110 §11.6.2, §11.7.2; RFC 6265). */
const credentialHeaderNames: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** `«redacted:<label>»`: the one spelling of a hidden value, in every record and report. */
function marker(label: string): string {
  return `«redacted:${label}»`;
}

function isMarker(value: string): boolean {
  return value.startsWith('«redacted:') || value === '«sig»';
}

const sensitiveNames = ['access_token', 'refresh_token', 'id_token', 'token', 'client_secret', 'password', 'api_key', 'apikey'];
const sensitiveKeys = new Set(sensitiveNames);
/** `name=value` in query strings and form bodies. */
const sensitiveParam = new RegExp(`(^|[?&;\\s"'])(${sensitiveNames.join('|')})=([^&#\\s"'<>]+)`, 'gi');
/** `"name": "value"` in JSON text. */
const sensitiveJsonMember = new RegExp(`("(${sensitiveNames.join('|')})"\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'gi');
/** API-key headers by name (Choreo's `apikey`, `testKey`, `Internal-Key` and the usual others): vendor knowledge, kept with the profiles. */
const apiKeyHeaderNames: ReadonlySet<string> = new Set(vendorApiKeyHeaderNames);
