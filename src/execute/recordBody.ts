import { createHash } from 'node:crypto';
import type { RecordedBody } from '../model/result';
import type { Redactor } from './redactor';

export interface RecordBodyOptions {
  redactor: Redactor;
  /**
   * The recording cap. A body larger than this is kept whole here (the comparison needs all of it)
   * with the sha256 of its redacted bytes, so that `capRecordedBody` can later keep only its head
   * without serialising it again. A body read only in part (`incomplete`) keeps only its head here.
   */
  maxRecordedBodyBytes: number;
  /** The bytes are only the beginning of the body (read cap reached, or the stream broke). */
  incomplete?: boolean;
  /** Content decoding failed: the bytes are kept as binary and this says why. */
  decodeProblem?: string;
  /**
   * JSON is kept in ONE form, the parsed `json`; its raw text is dropped (a run keeps every
   * exchange until the reports are written, and the text doubled each body). With this set (request
   * bodies, which the curl line repeats byte for byte) the redacted raw text is kept beside `json`
   * only when `JSON.stringify(json)` would not give it back exactly (spacing, escapes, number forms).
   */
  keepJsonText?: boolean;
}

type Kind = RecordedBody['kind'];

/**
 * Turns body bytes into a `RecordedBody`: classified by content type (or sniffed when there is
 * none) and redacted; a body over the recording cap is hashed, and one read only in part is cut to
 * it. Never throws: JSON that does not parse is kept as text with `parseError`. JSON that parses is
 * kept as `json` only (see `keepJsonText`).
 */
export function recordBody(bytes: Buffer, contentType: string | undefined, options: RecordBodyOptions): RecordedBody {
  const base: { contentType?: string; bytes: number } = contentType ? { contentType, bytes: bytes.length } : { bytes: bytes.length };
  if (bytes.length === 0 && !options.incomplete) return { kind: 'empty', ...base };
  const { redactor } = options;

  if (options.decodeProblem !== undefined) return { ...recordBinary(bytes, base, options), parseError: options.decodeProblem };
  const kind = classify(bytes, contentType);
  if (kind === 'binary') return recordBinary(bytes, base, options);

  let redacted = redactor.redactText(bytes.toString('utf8'));
  if (options.incomplete) {
    // The body ends mid-stream: its last characters may be the start of a secret that the
    // registry could not recognise. Drop as many as the longest registered form.
    redacted = redacted.slice(0, Math.max(0, redacted.length - redactor.longestSecretForm));
    const redactedBytes = Buffer.from(redacted, 'utf8');
    return {
      kind: kind === 'json' ? 'text' : kind,
      ...base,
      text: headOf(redactedBytes, options.maxRecordedBodyBytes),
      sha256: sha256(redactedBytes),
      truncated: true,
      sha256OfFirstBytes: redactedBytes.length,
    };
  }
  const body = kind === 'json' ? recordJson(bytes, redacted, base, redactor, options.keepJsonText === true) : withText(bodyOf(kind, base), redacted);
  // Hashed now, while the redacted text is at hand: cutting the record later needs no second serialisation.
  if (bytes.length > options.maxRecordedBodyBytes) body.sha256 = sha256(redacted);
  return body;
}

function withText(body: RecordedBody, text: string): RecordedBody {
  body.text = text;
  return body;
}

/** `{ kind, contentType?, bytes }` built field by field, in that order (a spread of `base` is a slow generic copy on the hot path). */
function bodyOf(kind: Kind, base: { contentType?: string; bytes: number }): RecordedBody {
  return base.contentType === undefined ? { kind, bytes: base.bytes } : { kind, contentType: base.contentType, bytes: base.bytes };
}

function recordJson(bytes: Buffer, redacted: string, base: { contentType?: string; bytes: number }, redactor: Redactor, keepText: boolean): RecordedBody {
  try {
    const parsed: unknown = JSON.parse(redacted);
    // `\u` escapes hide characters from the text pass (Gson writes `=` as \u003d): walk the
    // parsed strings too in that case. The text is then never kept: only the walked value is safe.
    const body = bodyOf('json', base);
    if (redacted.includes('\\u')) {
      body.json = redactor.redactJson(parsed);
      return body;
    }
    body.json = parsed;
    if (keepText && JSON.stringify(parsed) !== redacted) body.text = redacted;
    return body;
  } catch (error) {
    try {
      // Redaction replaced something that was part of the syntax; the original is valid JSON.
      const parsed: unknown = JSON.parse(bytes.toString('utf8'));
      return { kind: 'json', ...base, json: redactor.redactJson(parsed) };
    } catch {
      // The message quotes the (already redacted) text it choked on.
      return { kind: 'text', ...base, text: redacted, parseError: redactor.redactText(error instanceof Error ? error.message : String(error)) };
    }
  }
}

function recordBinary(bytes: Buffer, base: { contentType?: string; bytes: number }, options: RecordBodyOptions): RecordedBody {
  // latin1 maps bytes 1:1 to characters (« and » included), so secrets in ASCII inside a binary
  // body are replaced and every other byte is kept for the hash.
  const redacted = Buffer.from(options.redactor.redactText(bytes.toString('latin1')), 'latin1');
  return {
    kind: 'binary',
    ...base,
    sha256: sha256(redacted),
    ...(options.incomplete ? { truncated: true, sha256OfFirstBytes: redacted.length } : {}),
  };
}

/** By content type; without one, by sniffing the bytes. */
function classify(bytes: Buffer, contentType: string | undefined): Kind {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || (type === 'application/octet-stream' && looksTextual(bytes))) return sniff(bytes);
  let kind = kindByType.get(type);
  if (kind === undefined) {
    kind = kindOfType(type);
    // A run sees a handful of media types; the cap only guards against a gateway inventing them.
    if (kindByType.size < 256) kindByType.set(type, kind);
  }
  return kind;
}

const kindByType = new Map<string, Kind>();

function kindOfType(type: string): Kind {
  if (/^application\/([\w.+-]+\+)?json$|^text\/json$/.test(type)) return 'json';
  if (/^(application|text)\/([\w.+-]+\+)?xml$/.test(type)) return 'xml';
  if (type.startsWith('text/')) return 'text';
  if (/^application\/(x-www-form-urlencoded|javascript|ecmascript|graphql|x?-?yaml|problem\+text|x-ndjson|csv)$/.test(type)) return 'text';
  return 'binary';
}

function sniff(bytes: Buffer): Kind {
  if (!looksTextual(bytes)) return 'binary';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      JSON.parse(bytes.toString('utf8'));
      return 'json';
    } catch {
      return 'text';
    }
  }
  if (head.startsWith('<')) return 'xml';
  return 'text';
}

/** Valid UTF-8 without control characters other than tab, CR and LF (checked on the head). */
function looksTextual(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? trimPartialChar(head) : head);
  } catch {
    return false;
  }
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  return true;
}

/** Drops a UTF-8 sequence cut by the head boundary. */
function trimPartialChar(head: Buffer): Buffer {
  let end = head.length;
  for (let i = head.length - 1; i >= Math.max(0, head.length - 4); i -= 1) {
    const byte = head[i] as number;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      if (head.length - i < needed) end = i;
      break;
    }
  }
  return head.subarray(0, end);
}

/** The first `max` bytes as text, without a broken character at the cut. */
function headOf(bytes: Buffer, max: number): string {
  if (bytes.length <= max) return bytes.toString('utf8');
  return trimPartialChar(bytes.subarray(0, max)).toString('utf8');
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
