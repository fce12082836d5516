/** One line of a Postman script as exported (`event[].script.exec[]`), numbered from 1. */
export interface ScriptLine {
  line: number;
  text: string;
}

export interface ScriptStatement {
  /** The statement's text, without its `;`; a block opener keeps its `{`. */
  text: string;
  /** The line it starts on. */
  origin: ScriptLine;
}

/**
 * Splits a script into statements without running or fully parsing it: at `;`, at line ends (a
 * line that continues the expression — `.and.equal(…)` on the next line, a trailing `&&` —
 * is joined), and at block braces (`function () {`, `if (…) {`, `}`), so
 * `pm.test("x", function () { pm.response.to.have.status(200); });` on one line is three
 * statements. Braces of an object literal (`.to.eql({ a: 1 })`) stay inside their statement.
 */
export function splitStatements(lines: ScriptLine[]): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  const stack: Array<'(' | '[' | 'object' | 'block'> = [];
  let current = '';
  let origin: ScriptLine | undefined;
  let quote: string | undefined;
  const emit = () => {
    if (current.trim() !== '' && origin) out.push({ text: current.trim(), origin });
    current = '';
    origin = undefined;
  };
  // Inside parentheses, brackets or an object literal (not directly inside a block): no boundary.
  const inExpression = () => stack.length > 0 && stack[stack.length - 1] !== 'block';

  lines.forEach((line, index) => {
    const text = line.text;
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i]!;
      if (!origin && char.trim() !== '') origin = line;
      if (quote) {
        current += char;
        if (char === '\\') {
          current += text[i + 1] ?? '';
          i += 1;
        } else if (char === quote) quote = undefined;
        continue;
      }
      if (char === '/' && text[i + 1] === '/') {
        // A line comment ends the line; a statement before it still counts.
        if (current.trim() === '') current = text.slice(i);
        break;
      }
      if (char === '"' || char === "'" || char === '`') {
        quote = char;
        current += char;
        continue;
      }
      if (char === '(' || char === '[') stack.push(char);
      else if (char === ')' || char === ']') {
        if (stack.length > 0 && stack[stack.length - 1] !== 'block') stack.pop();
      } else if (char === '{') {
        const before = current.trimEnd();
        const block = before === '' || /(?:\)|=>|\belse|\btry|\bdo|\bfinally)$/.test(before);
        if (block) {
          stack.push('block');
          current += char;
          emit();
          continue;
        }
        stack.push('object');
      } else if (char === '}') {
        if (stack[stack.length - 1] === 'block') {
          stack.pop();
          emit();
          origin = line;
          current = char;
          continue;
        }
        if (stack.length > 0) stack.pop();
      } else if (char === ';' && !inExpression()) {
        emit();
        continue;
      }
      current += char;
    }
    if (quote === '`') {
      current += '\n';
      return;
    }
    quote = undefined;
    const next = lines[index + 1]?.text.trim() ?? '';
    const continues = inExpression() || /^(?:\.|&&|\|\||\?|:)/.test(next) || /(?:&&|\|\||[+=,(?:])$/.test(current.trim());
    if (continues && next !== '') current += ' ';
    else emit();
  });
  emit();
  return out;
}

/** Statements that carry no intent of their own: braces, comments, `pm.test("…", function () {`. */
export function isScriptStructure(text: string): boolean {
  return /^(?:\/\/.*|\/\*.*\*\/|[\s{}()[\];,]*)$/.test(text) || /^pm\.test\([\s\S]*\{$/.test(text);
}

/** The lines of a script that hold something other than structure, each once, in order. */
export function meaningfulLines(lines: ScriptLine[]): ScriptLine[] {
  const statements = splitStatements(lines).filter((statement) => !isScriptStructure(statement.text));
  return [...new Map(statements.map((statement) => [statement.origin.line, statement.origin])).values()];
}
