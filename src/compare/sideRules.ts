import type { PathKey } from '../model/jsonPath';
import type { NormalizationNote, TargetName } from '../model/result';
import type { Profile } from '../profiles/types';
import type { HeaderRule } from '../suite/types';
import type { SideAlias } from './aliases';
import type { BaseRewriter } from './baseUrl';

/** How claims of decoded JWTs are compared; built from BOTH sides' profiles so both sides drop the same claims. */
export interface JwtRules {
  volatileClaims: readonly string[];
  backend?: {
    issuers: ReadonlySet<string>;
    /** Last path segment, lower-cased. */
    platformClaims: ReadonlySet<string>;
    constructedClaims: ReadonlySet<string>;
    fact: string;
  };
}

/** Everything normalization needs to know about one side. */
export interface SideRules {
  target: TargetName;
  profile: Profile;
  base: BaseRewriter;
  aliases: readonly SideAlias[];
  /** This side's value of every alias pair → its name: an object KEY that is exactly such a value is renamed (any length). */
  aliasKeys: ReadonlyMap<string, string>;
  jwt: JwtRules;
  /** User header rules by lower-cased name (later scopes already won). */
  headerRules: ReadonlyMap<string, HeaderRule>;
}

/**
 * Where normalization writes what it did, and the fact behind each rule it used (the reason an
 * erased difference is accepted). One sink per side; both sides may share the `facts` map.
 */
export interface NoteSink {
  target: TargetName;
  notes: NormalizationNote[];
  facts: Map<string, string>;
}

export type PathFormat = (keys: readonly PathKey[]) => string;

export function addNote(sink: NoteSink, rule: string, fact: string, path: string, detail: string): void {
  sink.notes.push({ target: sink.target, rule, path, detail });
  if (!sink.facts.has(rule)) sink.facts.set(rule, fact);
}

/** A short, printable form of a value for note details. */
export function brief(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
