import type { CaptureDraft } from './caseDraft';
import { splitStatements, type ScriptLine } from './scriptStatements';
import { suiteVarName } from './suiteVarName';

export type { ScriptLine };

/**
 * Postman scripts are JavaScript and the harness never runs them. The common idioms carry
 * intent a suite states declaratively, so they are read by pattern (never executed):
 *
 * - "remember this response value" (`pm.environment.set("id", jsonData.id)`, also
 *   `collectionVariables`, `globals`, `variables`, `postman.setEnvironmentVariable`) → a capture;
 * - the expected status (`pm.response.to.have.status(201)`, `responseCode.code === 200`) → `expect.status`;
 * - JSON value equality (`pm.expect(jsonData.name).to.eql("x")`) → `expect.json`;
 * - header presence or value (`pm.response.to.have.header("Location")`) → `expect.headers`;
 * - a response-time budget (`pm.expect(pm.response.responseTime).to.be.below(800)`) → `latency`.
 *
 * Every other statement is returned in `unconverted` with its script line, so nothing a script
 * checked disappears silently.
 */
export interface ScriptReading {
  status: number[];
  /** Suite var name → where its value comes from. */
  captures: Record<string, CaptureDraft>;
  /** Suite var name → the Postman variable name the script set. */
  captureNames: Record<string, string>;
  /** JSON path → expected value; a value read from a variable is a `{{postman name}}` template. */
  json: Record<string, unknown>;
  /** Lower-cased header name → `present`, or the expected value. */
  headers: Record<string, string>;
  /** The smallest response-time budget the script asserts, in ms. */
  maxResponseMs?: number;
  /** Postman variables the script sets in a way no capture can express (suite var name → Postman name). */
  unconvertedSets: Record<string, string>;
  unconverted: ScriptLine[];
}

/** A step's "response JSON" as the script names it: the body itself, or a path into it. */
type Aliases = Map<string, string>;

const ident = '[A-Za-z_$][\\w$]*';
const accessor = `(?:\\.${ident}|\\[\\s*\\d+\\s*\\]|\\[\\s*(?:"[^"]*"|'[^']*')\\s*\\])`;
/** Where the parsed body comes from, in the forms Postman's sandbox offers. */
const bodySources = [/^pm\.response\.json\(\s*\)/, /^JSON\.parse\(\s*(?:responseBody|pm\.response\.text\(\s*\))\s*\)/, /^responseJSON\b/];
const setCall = /^(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*(["'`])([^"'`]+)\1\s*,\s*([\s\S]+?)\s*\)$/;
const getCall = /^(?:pm\.(?:environment|collectionVariables|globals|variables)\.get|postman\.get(?:Environment|Global)Variable)\(\s*(["'`])([^"'`]+)\1\s*\)$/;
const declaration = new RegExp(`^(?:(?:var|let|const)\\s+)?(${ident})\\s*=\\s*([\\s\\S]+)$`);
const testOpener = /^pm\.test\(\s*(["'`])[\s\S]*?\1\s*,\s*(?:(?:async\s+)?function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{$/;
const ignorable = /^(?:\/\/.*|\/\*.*\*\/|[\s{}()[\];,]*)$/;

/** Postman's named status assertions (chai-postman: `pm.response.to.be.ok` is exactly 200). */
const namedStatuses: Record<string, number> = { ok: 200, created: 201, accepted: 202, badRequest: 400, unauthorized: 401, unauthorised: 401, forbidden: 403, notFound: 404, rateLimited: 429 };
const equalityCalls = /^\.(?:to|and)(?:\.deep)?(?:\.be)?\.(?:eql|equal|equals|eq)\(([\s\S]+)\)$/;
const belowCalls = /^\.(?:to|and)(?:\.be)?(?:\.at)?\.(?:below|lessThan|lt|most)\(\s*(\d+(?:\.\d+)?)\s*\)$/;

export function readTestScript(lines: ScriptLine[]): ScriptReading {
  const reading: ScriptReading = { status: [], captures: {}, captureNames: {}, json: {}, headers: {}, unconvertedSets: {}, unconverted: [] };
  const status = new Set<number>();
  const aliases: Aliases = new Map();
  /** Suite var name → the capture expressions met, so a variable set two ways is left to the user. */
  const setsSeen = new Map<string, { key: string; lines: ScriptLine[] }>();
  const failed = new Map<number, ScriptLine>();

  for (const statement of splitStatements(lines)) {
    const ok = readStatement(statement.text, { reading, status, aliases, setsSeen, line: statement.origin });
    if (!ok) failed.set(statement.origin.line, statement.origin);
  }
  // A variable set from two different places (e.g. `if (data.id) … else …` alternatives) is
  // not one capture: both lines go to the user.
  for (const [name, seen] of setsSeen) {
    if (seen.key !== 'conflict') continue;
    delete reading.captures[name];
    reading.unconvertedSets[name] = reading.captureNames[name]!;
    delete reading.captureNames[name];
    for (const line of seen.lines) failed.set(line.line, line);
  }
  reading.status = [...status].sort((a, b) => a - b);
  reading.unconverted = [...failed.values()].sort((a, b) => a.line - b.line);
  return reading;
}

interface StatementContext {
  reading: ScriptReading;
  status: Set<number>;
  aliases: Aliases;
  setsSeen: Map<string, { key: string; lines: ScriptLine[] }>;
  line: ScriptLine;
}

/** True when the statement was understood (converted, or structure that carries no intent). */
function readStatement(raw: string, ctx: StatementContext): boolean {
  const text = raw.trim().replace(/;$/, '').trim();
  if (ignorable.test(text) || testOpener.test(text) || /^\}\s*\)$/.test(text)) return true;
  // A guard that only checks the captured value exists (`if (data.id) { … }`): what it guards counts.
  // `pm.test("name", () => pm.expect(…))` on one line: the assertion inside is what counts.
  if (text.startsWith('pm.test(') && closingParen(text, 'pm.test('.length - 1) === text.length - 1) {
    const [, fn] = splitArguments(text.slice('pm.test('.length, -1));
    const body = fn === undefined ? undefined : /^(?:(?:async\s+)?\(\s*\)\s*=>|(?:async\s+)?function\s*\(\s*\))\s*([\s\S]+)$/.exec(fn)?.[1];
    if (body === undefined) return false;
    return readStatement(body.trim().replace(/^\{([\s\S]*)\}$/, '$1'), ctx);
  }
  if (/^if\s*\(/.test(text)) {
    const open = text.indexOf('(');
    const close = closingParen(text, open);
    if (close < 0 || !isPresenceGuard(text.slice(open + 1, close), ctx.aliases)) return false;
    const rest = text.slice(close + 1).trim().replace(/^\{/, '').replace(/\}$/, '').trim();
    return rest === '' || readStatement(rest, ctx);
  }
  const tests = /^tests\[[\s\S]+?\]\s*=\s*([\s\S]+)$/.exec(text);
  if (tests) return readCondition(tests[1]!, ctx);
  const set = setCall.exec(text);
  if (set) return readSet(set[2]!, set[3]!, ctx);
  const named = /^pm\.response\.to\.(?:have|be)\.(\w+)(?:\(\s*([\s\S]*?)\s*\))?$/.exec(text);
  if (named) return readResponseAssertion(named[1]!, named[2], ctx);
  if (text.startsWith('pm.expect(')) return readExpect(text, ctx);
  const declared = declaration.exec(text);
  if (declared) {
    const path = jsonPathOf(declared[2]!.trim(), ctx.aliases);
    if (path === undefined) return false;
    ctx.aliases.set(declared[1]!, path);
    return true;
  }
  return false;
}

/** `pm.response.to.have.status(201)`, `.to.be.ok`, `.to.have.header("Location"[, value])`. */
function readResponseAssertion(name: string, args: string | undefined, ctx: StatementContext): boolean {
  if (name === 'status' && args !== undefined && /^\d{3}$/.test(args)) {
    ctx.status.add(Number(args));
    return true;
  }
  if (args === undefined && namedStatuses[name] !== undefined) {
    ctx.status.add(namedStatuses[name]!);
    return true;
  }
  if (name === 'header' && args !== undefined) {
    const parts = splitArguments(args);
    const header = parts[0] === undefined ? undefined : stringLiteral(parts[0]);
    if (header === undefined || parts.length > 2) return false;
    if (parts.length === 1) {
      ctx.reading.headers[header.toLowerCase()] = 'present';
      return true;
    }
    const value = expectedValue(parts[1]!);
    if (value === undefined || typeof value.value !== 'string') return false;
    ctx.reading.headers[header.toLowerCase()] = value.value;
    return true;
  }
  return false;
}

/** `pm.expect(<subject>)<assertion chain>`. */
function readExpect(text: string, ctx: StatementContext): boolean {
  const end = closingParen(text, 'pm.expect('.length - 1);
  if (end < 0) return false;
  const subject = text.slice('pm.expect('.length, end).trim();
  const chain = text.slice(end + 1).trim();
  if (/^pm\.response\.(?:code|status)$|^responseCode\.code$/.test(subject)) {
    const codes = statusesIn(chain);
    if (!codes) return false;
    for (const code of codes) ctx.status.add(code);
    return true;
  }
  if (subject === 'pm.response') {
    const named = /^\.to\.(?:have|be)\.(\w+)(?:\(\s*([\s\S]*?)\s*\))?$/.exec(chain);
    return named ? readResponseAssertion(named[1]!, named[2], ctx) : false;
  }
  if (/^pm\.response\.responseTime$|^responseTime$/.test(subject)) {
    const below = belowCalls.exec(chain);
    if (!below) return false;
    budget(ctx, Number(below[1]));
    return true;
  }
  const has = /^pm\.response\.headers\.has\(\s*(["'`])([^"'`]+)\1\s*\)$/.exec(subject);
  if (has) {
    if (!/^\.to\.(?:be\.true|be\.ok|exist|(?:eql|equal|eq)\(\s*true\s*\))$/.test(chain)) return false;
    ctx.reading.headers[has[2]!.toLowerCase()] = 'present';
    return true;
  }
  const header = /^pm\.response\.headers\.get\(\s*(["'`])([^"'`]+)\1\s*\)$/.exec(subject);
  const expected = chainValue(chain);
  if (header) {
    if (expected === undefined || typeof expected.value !== 'string') return false;
    ctx.reading.headers[header[2]!.toLowerCase()] = expected.value;
    return true;
  }
  const path = jsonPathOf(subject, ctx.aliases);
  if (path === undefined || expected === undefined) return false;
  ctx.reading.json[path] = expected.value;
  return true;
}

/** `responseCode.code === 200 || responseCode.code === 201`, `jsonData.name === "x"`, `responseTime < 800`. */
function readCondition(condition: string, ctx: StatementContext): boolean {
  const text = condition.trim();
  const codes = text.split('||').map((part) => /^\(?\s*(?:responseCode\.code|pm\.response\.code)\s*===?\s*(\d{3})\s*\)?$/.exec(part.trim()));
  if (codes.every((match) => match !== null)) {
    for (const match of codes) ctx.status.add(Number(match![1]));
    return true;
  }
  const time = /^responseTime\s*<=?\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (time) {
    budget(ctx, Number(time[1]));
    return true;
  }
  const equality = /^([\s\S]+?)\s*===?\s*([\s\S]+)$/.exec(text);
  if (!equality) return false;
  const path = jsonPathOf(equality[1]!.trim(), ctx.aliases);
  const value = expectedValue(equality[2]!.trim());
  if (path === undefined || value === undefined) return false;
  ctx.reading.json[path] = value.value;
  return true;
}

function readSet(postmanName: string, valueExpression: string, ctx: StatementContext): boolean {
  const name = suiteVarName(postmanName);
  const capture = captureFor(valueExpression.trim(), ctx.aliases);
  const seen = ctx.setsSeen.get(name);
  if (!capture) {
    ctx.reading.unconvertedSets[name] = postmanName;
    if (seen) seen.key = 'conflict';
    return false;
  }
  const key = JSON.stringify(capture);
  if (seen) {
    seen.lines.push(ctx.line);
    if (seen.key !== key) seen.key = 'conflict';
  } else ctx.setsSeen.set(name, { key, lines: [ctx.line] });
  if (ctx.reading.unconvertedSets[name] !== undefined) {
    ctx.setsSeen.get(name)!.key = 'conflict';
  }
  ctx.reading.captures[name] = capture;
  ctx.reading.captureNames[name] = postmanName;
  return true;
}

/** `jsonData.order.id` → `$.order.id`; `pm.response.headers.get("Location")` → `{ header }`. */
function captureFor(expression: string, aliases: Aliases = new Map()): CaptureDraft | undefined {
  // A capture is a string anyway: String(x), x.toString() and template `${x}` change nothing.
  const inner = /^String\(([\s\S]+)\)$/.exec(expression)?.[1] ?? /^`\$\{([^}]+)\}`$/.exec(expression)?.[1] ?? expression.replace(/\.toString\(\s*\)$/, '');
  const header = /^pm\.response\.headers\.get\(\s*(["'`])([^"'`]+)\1\s*\)(\.split\(\s*(["'`])\/\4\s*\)\.pop\(\s*\))?$/.exec(inner.trim());
  if (header) return header[3] ? { header: header[2]!.toLowerCase(), regex: '([^/]+)/?$' } : { header: header[2]!.toLowerCase() };
  return jsonPathOf(inner.trim(), aliases);
}

/** A body expression as a suite JSON path (`$`, `$.a[0]["b-c"]`), or undefined. */
function jsonPathOf(expression: string, aliases: Aliases): string | undefined {
  let base: string | undefined;
  let rest = '';
  for (const source of bodySources) {
    const match = source.exec(expression);
    if (match) {
      base = '$';
      rest = expression.slice(match[0].length);
      break;
    }
  }
  if (base === undefined) {
    const name = new RegExp(`^${ident}`).exec(expression)?.[0];
    if (name === undefined || !aliases.has(name)) return undefined;
    base = aliases.get(name)!;
    rest = expression.slice(name.length);
  }
  if (!new RegExp(`^${accessor}*$`).test(rest)) return undefined;
  const path = rest.replace(/\[\s*(\d+)\s*\]/g, '[$1]').replace(/\[\s*(["'])([^"']*)\1\s*\]/g, (_all, _q: string, key: string) => (new RegExp(`^${ident}$`).test(key) && !key.includes('$') ? `.${key}` : `["${key}"]`));
  return `${base}${path}`;
}

/** A `pm.expect(...)` chain's expected value: `.to.eql(x)`, `.to.be.true`, `.to.be.null`. */
function chainValue(chain: string): { value: unknown } | undefined {
  const equality = equalityCalls.exec(chain);
  if (equality) return expectedValue(equality[1]!.trim());
  const flag = /^\.to\.be\.(true|false|null)$/.exec(chain);
  if (flag) return { value: JSON.parse(flag[1]!) as unknown };
  return undefined;
}

/** Statuses a chain on `pm.response.code` asserts: `.to.eql(200)`, `.to.be.oneOf([200, 201])`. */
function statusesIn(chain: string): number[] | undefined {
  const equality = equalityCalls.exec(chain);
  if (equality && /^\s*\d{3}\s*$/.test(equality[1]!)) return [Number(equality[1])];
  const oneOf = /^\.to\.be\.oneOf\(\s*\[([\d\s,]+)\]\s*\)$/.exec(chain);
  if (oneOf) return oneOf[1]!.split(',').map((code) => code.trim()).filter(Boolean).map(Number);
  return undefined;
}

/**
 * A literal from the script as data: strings (any quotes, no interpolation), numbers, booleans,
 * null, JSON arrays/objects; a variable read (`pm.environment.get("name")`) is `{{name}}`.
 */
function expectedValue(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  const variable = getCall.exec(trimmed);
  if (variable) return { value: `{{${variable[2]}}}` };
  const string = stringLiteral(trimmed);
  if (string !== undefined) return { value: string.replace(/\{\{/g, '\\{{') };
  if (/^(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|true|false|null)$/.test(trimmed)) return { value: JSON.parse(trimmed) as unknown };
  if (/^[[{]/.test(trimmed)) {
    try {
      return { value: JSON.parse(trimmed) as unknown };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function stringLiteral(text: string): string | undefined {
  const match = /^(["'`])((?:\\.|(?!\1)[^\\])*)\1$/.exec(text.trim());
  if (!match || (match[1] === '`' && match[2]!.includes('${'))) return undefined;
  const body = match[2]!;
  if (match[1] === '"') {
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return undefined;
    }
  }
  return body.replace(/\\(.)/g, '$1');
}

/** `data.id && data.results[0]` — a check that values exist before they are captured. */
function isPresenceGuard(condition: string, aliases: Aliases): boolean {
  return condition.split('&&').every((part) => jsonPathOf(part.trim().replace(/^\((.*)\)$/, '$1').trim(), aliases) !== undefined);
}

function budget(ctx: StatementContext, ms: number): void {
  ctx.reading.maxResponseMs = ctx.reading.maxResponseMs === undefined ? ms : Math.min(ctx.reading.maxResponseMs, ms);
}

/** Index of the `)` that closes the `(` at `open`, skipping strings; -1 when it is not closed. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Top-level comma-separated arguments (strings and brackets respected). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') quote = char;
    else if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '') parts.push(last);
  return parts;
}
