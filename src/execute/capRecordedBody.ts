import { createHash } from 'node:crypto';
import type { RecordedBody } from '../model/result';
import { jsonHead, textHead } from '../shared/jsonHead';

/**
 * A body as the record keeps it once its step is compared: whole up to `maxBytes` (its size as
 * received), otherwise only its head — the first `maxBytes` characters of its text, or of its
 * compact JSON (`JSON.stringify` form) — with `bytes`, the sha256 of all of it and `truncated: true`. A JSON
 * body cut here is recorded as `text` (it is no longer a whole document), as one cut while it was
 * read is. The comparison saw the whole body; only what the reports carry is cut.
 *
 * Cheap whatever the size: the sha256 is the one `recordBody` took of the redacted bytes as
 * received, and a JSON head is written without serialising the rest. A body recorded without that
 * hash (a baseline recorded before bodies over the cap were hashed) is hashed here, a JSON one on
 * its compact form. Bodies already cut, empty or binary (kept as a hash only) are returned as they are.
 */
export function capRecordedBody(body: RecordedBody, maxBytes: number): RecordedBody {
  if (body.truncated || body.bytes <= maxBytes || body.kind === 'empty' || body.kind === 'binary') return body;
  const parsed = body.json !== undefined && body.text === undefined;
  const head = parsed ? (jsonHead(body.json, maxBytes) ?? '') : textHead(body.text ?? '', maxBytes);
  const cut: RecordedBody = {
    kind: body.kind === 'json' ? 'text' : body.kind,
    contentType: body.contentType,
    bytes: body.bytes,
    text: head,
    sha256: body.sha256 ?? sha256(parsed ? (JSON.stringify(body.json) ?? '') : (body.text ?? '')),
    truncated: true,
  };
  if (body.parseError !== undefined) cut.parseError = body.parseError;
  return cut;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
