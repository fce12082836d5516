import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../errors';

/** One env file as read: values by name and the line each name is on. */
export interface EnvFileContents {
  /** Relative to the project root, forward slashes: `env/staging.env`. */
  file: string;
  values: Record<string, string>;
  lines: Record<string, number>;
}

/** Where env files live, and the names that are not selectable environments. */
const envFileLayout = {
  dir: 'env',
  extension: '.env',
  localSuffix: '.local',
  /** `example.env` documents the variables; it is a template, not an environment. */
  notEnvironments: ['example'],
} as const;

const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

export function envFilePath(name: string, local = false): string {
  return `${envFileLayout.dir}/${name}${local ? envFileLayout.localSuffix : ''}${envFileLayout.extension}`;
}

/** Reads an env file with dotenv's parser; undefined when it does not exist. */
export function readEnvFile(root: string, file: string): EnvFileContents | undefined {
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) return undefined;
  let text: string;
  try {
    // Windows editors save UTF-8 with a byte-order mark; dotenv would read it into the first name.
    text = readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the file: ${(error as Error).message}`, { file, cause: error, hint: 'Check the file permissions.' });
  }
  const lines = scanLines(text, file);
  return { file, values: parseDotenv(text), lines };
}

/**
 * Finds the line of each name, and rejects what dotenv would silently skip or overwrite: lines
 * that are not `NAME=value`, and a name given twice (dotenv keeps the last one without a word).
 */
function scanLines(text: string, file: string): Record<string, number> {
  const lines: Record<string, number> = {};
  const rows = text.split(/\r?\n/);
  let openQuote: string | undefined;
  rows.forEach((row, index) => {
    const line = index + 1;
    if (openQuote) {
      if (row.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (/^\s*(#.*)?$/.test(row)) return;
    const match = assignment.exec(row);
    if (!match) {
      throw new ConfigError(`${file}:${line}: cannot read this line: ${JSON.stringify(row.trim().slice(0, 60))}`, {
        file,
        line,
        hint: 'Each line is NAME=value, a # comment, or empty. Quote values with spaces or "#": NAME="a value".',
      });
    }
    const [, name, rest] = match as unknown as [string, string, string];
    if (name in lines) {
      throw new ConfigError(`${file}:${line} ${name}: set twice (also on line ${lines[name]})`, {
        file,
        line,
        path: name,
        hint: 'Keep one of them: only the last would count, silently.',
      });
    }
    lines[name] = line;
    const value = rest.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && !value.slice(1).includes(quote)) openQuote = quote;
  });
  return lines;
}

/** The selectable environments: `env/*.env` minus local overlays and the example. */
export function listEnvNames(root: string): string[] {
  let files: string[];
  try {
    files = readdirSync(path.join(root, envFileLayout.dir));
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith(envFileLayout.extension) && !file.endsWith(`${envFileLayout.localSuffix}${envFileLayout.extension}`))
    .map((file) => file.slice(0, -envFileLayout.extension.length))
    .filter((name) => !(envFileLayout.notEnvironments as readonly string[]).includes(name))
    .sort();
}
