import type { CaptureDraft } from './caseDraft';
import { suiteVarName } from './suiteVarName';

/**
 * Postman scripts are JavaScript and the harness never runs them. Two common idioms carry
 * intent a suite can state declaratively, so they are read (by pattern, not executed):
 * the expected status, and "remember this response value for later requests" → a capture.
 */
export interface ScriptReading {
  status: number[];
  captures: Record<string, CaptureDraft>;
  /** `pm.*.set(...)` calls whose value is not a plain response path: left to the user. */
  unconverted: string[];
}

const statusPatterns = [
  /pm\.response\.to\.have\.status\(\s*(\d{3})\s*\)/g,
  /pm\.response\.code\s*\)\s*\.to\.(?:eql|equal|be\.equal|eq)\(\s*(\d{3})\s*\)/g,
  /responseCode\.code\s*===?\s*(\d{3})/g,
];
const oneOfPattern = /pm\.response\.code\s*\)\s*\.to\.be\.oneOf\(\s*\[([\d\s,]+)\]\s*\)/g;
const jsonSource = /(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\))/g;
const setCall = /pm\.(?:collectionVariables|environment|globals|variables)\.set\(\s*(["'`])([^"'`]+)\1\s*,\s*([^;\n]+?)\s*\)\s*;?\s*$/gm;
const headerGet = /^pm\.response\.headers\.get\(\s*(["'`])([^"'`]+)\1\s*\)$/;

export function readTestScript(lines: string[]): ScriptReading {
  const script = lines.join('\n');
  const status = new Set<number>();
  for (const pattern of statusPatterns) for (const match of script.matchAll(pattern)) status.add(Number(match[1]));
  for (const match of script.matchAll(oneOfPattern)) for (const code of match[1]!.split(',')) if (code.trim()) status.add(Number(code.trim()));

  const jsonNames = new Set(['pm.response.json()']);
  for (const match of script.matchAll(jsonSource)) jsonNames.add(match[1]!);
  const captures: Record<string, CaptureDraft> = {};
  const unconverted: string[] = [];
  for (const match of script.matchAll(setCall)) {
    const name = suiteVarName(match[2]!);
    const capture = captureFor(match[3]!.trim(), jsonNames);
    if (capture) captures[name] = capture;
    else unconverted.push(match[0].trim());
  }
  return { status: [...status].sort((a, b) => a - b), captures, unconverted };
}

/** `jsonData.order.id` / `pm.response.json().items[0].id` → `$.order.id`; a header read → `{ header }`. */
function captureFor(expression: string, jsonNames: Set<string>): CaptureDraft | undefined {
  const header = headerGet.exec(expression);
  if (header) return { header: header[2]!.toLowerCase() };
  for (const source of jsonNames) {
    if (!expression.startsWith(source)) continue;
    const rest = expression.slice(source.length);
    if (!/^(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[(["'])[^"']+\1\])*$/.test(rest)) continue;
    return `$${rest.replace(/\[(["'])([^"']+)\1\]/g, '["$2"]')}`;
  }
  return undefined;
}
