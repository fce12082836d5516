import { ImportError } from './ImportError';

/**
 * The parts of a HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/) the importer and
 * the baseline writer read. Browsers and proxies differ in what they fill in, so everything is
 * optional: Firefox and Chrome leave `content.text` out for bodies they did not keep, Charles
 * and mitmproxy base64-encode binary ones (`content.encoding: "base64"`).
 */
export interface HarEntry {
  startedDateTime?: string;
  /** Total time of the call in ms. */
  time?: number;
  request?: {
    method?: string;
    url?: string;
    headers?: HarHeader[];
    postData?: { mimeType?: string; text?: string; params?: Array<{ name?: string; value?: string; fileName?: string }> };
  };
  response?: {
    status?: number;
    headers?: HarHeader[];
    content?: { mimeType?: string; text?: string; encoding?: string; size?: number };
  };
}

interface HarHeader {
  name?: string;
  value?: string;
}

export function readHarEntries(value: unknown, file: string): HarEntry[] {
  const entries = (value as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new ImportError(`${file} is not a HAR file: it needs log.entries`, { file, hint: 'Export it from the browser\'s network tab ("Save all as HAR") or from your proxy.' });
  }
  return entries.filter((entry): entry is HarEntry => typeof entry === 'object' && entry !== null);
}
