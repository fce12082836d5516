import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mdCode, mdText } from '../../src/report/markdown';
import { escapeControlChars, escapingWriter } from '../../src/shared/escapeControlChars';
import { resolveInsideRoot } from '../../src/suite/resolveInsideRoot';

const hostile = 'ok\u001b[2J\u001b[32mverdict: PASS\u001b[0m\u001b]0;pwned\u0007\rX\u0008\u009b31m\u202egnp.exe';

describe('control characters in terminal and Markdown output', () => {
  it('writes clear-screen, colour, window-title, CR, BS, C1 and bidi controls as visible escapes', () => {
    const out = escapeControlChars(hostile);
    expect(out).toBe('ok\\x1b[2J\\x1b[32mverdict: PASS\\x1b[0m\\x1b]0;pwned\\x07\\x0dX\\x08\\x9b31m\\u202egnp.exe');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out)).toBe(false);
  });

  it('keeps newlines and tabs, which are layout', () => {
    expect(escapeControlChars('a\n\tb')).toBe('a\n\tb');
  });

  it('escapes everything a CLI writer is given', () => {
    const written: string[] = [];
    escapingWriter({ write: (text: string) => written.push(text) }).write(`case ${hostile}\n`);
    expect(written.join('')).not.toContain('\u001b');
    expect(written.join('').endsWith('\n')).toBe(true);
  });

  it('escapes control characters in Markdown text and code spans', () => {
    for (const rendered of [mdText(hostile), mdCode(hostile, 500)]) {
      expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(rendered).toContain('x1b');
    }
  });
});

describe('suite file references confined to the project root', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'parity-root-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'parity-outside-'));
    mkdirSync(path.join(root, 'suites', 'data'), { recursive: true });
    writeFileSync(path.join(root, 'suites', 'data', 'rows.csv'), 'a\n1\n');
    writeFileSync(path.join(outside, 'secret.csv'), 'root:x:0:0\n');
    symlinkSync(path.join(outside, 'secret.csv'), path.join(root, 'suites', 'data', 'link.csv'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('resolves a file inside the project relative to the suite folder', () => {
    expect(resolveInsideRoot(root, path.join(root, 'suites'), 'data/rows.csv')).toEqual({ absolute: path.join(root, 'suites', 'data', 'rows.csv'), shown: 'suites/data/rows.csv' });
  });

  it.each([
    ['a climb out with ../', '../../../../../../../../etc/passwd'],
    ['an absolute path elsewhere', '/etc/passwd'],
  ])('refuses %s and never names its content', (_what, reference) => {
    const result = resolveInsideRoot(root, path.join(root, 'suites'), reference);
    expect(result).toEqual({ problem: `"${reference}" is outside the project folder`, hint: expect.any(String) });
  });

  it('refuses a symbolic link inside the project that leads outside it', () => {
    const result = resolveInsideRoot(root, path.join(root, 'suites'), 'data/link.csv');
    expect('problem' in result && result.problem).toBe('"data/link.csv" leads outside the project folder (through a symbolic link)');
    expect(JSON.stringify(result)).not.toContain('root:x');
  });
});
