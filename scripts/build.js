#!/usr/bin/env node
'use strict';
/**
 * Compiles src/ to dist/ (CommonJS, one file per module, source maps), so the CLI starts without
 * compiling TypeScript and library users get plain JavaScript. Runs on `npm ci` / `npm install`
 * (the `prepare` script, ≈ 0.3 s); `--declarations` also writes the `.d.ts` files (the `prepack`
 * script, so a packed tarball has types). `bin/parity.js` uses dist/ only while it is newer than
 * every file in src/, and compiles in place otherwise, so an edit is never shadowed by a stale build.
 *
 * Plain JavaScript on purpose: it must run before anything is compiled.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/**
 * Removes what no source produces any more. dist/ is not wiped: `npm pack` runs `prepack` (with
 * declarations) and then `prepare` (without), and the second must keep the first's `.d.ts` files.
 */
function pruneOrphans(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneOrphans(file);
      if (readdirSync(file).length === 0) rmSync(file, { recursive: true });
      continue;
    }
    const base = file.replace(/(\.d\.ts|\.js\.map|\.js)$/, '');
    if (base === file) continue;
    if (!existsSync(path.join(src, `${path.relative(dist, base)}.ts`))) rmSync(file);
  }
}

function build({ declarations }) {
  pruneOrphans(dist);
  require('esbuild').buildSync({
    entryPoints: sources(src),
    outdir: dist,
    outbase: src,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  if (declarations) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  }
  // Written last: its mtime is what bin/parity.js compares src/ against.
  writeFileSync(path.join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
}

build({ declarations: process.argv.includes('--declarations') });
