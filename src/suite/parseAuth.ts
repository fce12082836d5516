import { didYouMeanSuffix } from '../shared/didYouMean';
import { authKeys, authWords } from './schema';
import { readTemplate, type TemplateUses } from './templateUses';
import type { StepAuth } from './types';
import type { Cursor, YamlReader } from './yamlReader';

const authHint = 'auth is target (the configured grant), none (no Authorization header), { bearer: "<token>" } or { scope: "<scopes>" } / { scope: [a, b] }.';

export function parseAuth(reader: YamlReader, cursor: Cursor, uses: TemplateUses): StepAuth | undefined {
  if (reader.kind(cursor) === 'string') {
    const word = reader.string(cursor)!;
    if (word === 'target' || word === 'none') return { kind: word };
    const suggestion = didYouMeanSuffix(word, [...authWords, ...authKeys]);
    return reader.fail(cursor, `unknown auth "${word}".${suggestion}`, authHint);
  }
  const entries = reader.map(cursor, authKeys, 'auth');
  if (!entries) return undefined;
  const bearerAt = entries.get('bearer');
  const scopeAt = entries.get('scope');
  if (bearerAt && scopeAt) return reader.fail(cursor, 'auth takes bearer or scope, not both', authHint);
  if (bearerAt) {
    const token = readTemplate(reader, bearerAt, 'request', uses);
    return token === undefined ? undefined : { kind: 'bearer', token };
  }
  if (scopeAt) {
    // An OAuth scope string is space-separated; "" asks for a token with no scope at all.
    if (reader.kind(scopeAt) === 'null') return { kind: 'scope', scopes: [] };
    const scopes = reader.kind(scopeAt) === 'string' ? reader.string(scopeAt)!.split(/\s+/).filter(Boolean) : reader.stringList(scopeAt, 'scopes');
    return scopes === undefined ? undefined : { kind: 'scope', scopes };
  }
  return reader.fail(cursor, 'auth mapping needs bearer or scope', authHint);
}
