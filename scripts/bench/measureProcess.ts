import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessMeasurement {
  exitCode: number | null;
  /** Spawn → exit, ms. */
  wallMs: number;
  /**
   * CPU time of the whole process tree (the child and every descendant it waited for, such as
   * Jest's workers), user and system, ms; null where /proc is not available (not Linux).
   */
  cpuUserMs: number | null;
  cpuSystemMs: number | null;
  /** Highest sum of the tree's resident memory seen (sampled every `rssIntervalMs`), MiB; null without /proc. */
  peakRssMiB: number | null;
  /** Most processes seen in the tree at one sample (1 = in band). */
  peakProcesses: number;
  /** The last few KB of stdout and stderr, for a failure. */
  outputTail: string;
  timedOut: boolean;
}

export interface MeasureProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  rssIntervalMs?: number;
}

const defaultRssIntervalMs = 100;
const tailChars = 4_000;

/**
 * Runs one command to its end and measures it from outside, so that neither shell has to be
 * changed to be measured and both are measured the same way:
 *
 * - **Wall time**: from the spawn to the exit.
 * - **CPU time**: the kernel's count of CPU spent by this process's waited-for children
 *   (`cutime` + `cstime` in /proc/self/stat, clock ticks), read before and after. A child's
 *   count includes every descendant it waited for — Jest's workers are. Only one measured child
 *   may end in between (the stub gateways run on until after the measurements).
 * - **Peak RSS**: the process tree under the child (/proc/<pid>/task/<pid>/children, recursively)
 *   is sampled every 100 ms and the resident sizes (/proc/<pid>/statm) are summed: with Jest
 *   workers, the memory of the run is that of all its processes together.
 */
export async function measureProcess(command: string, args: string[], options: MeasureProcessOptions): Promise<ProcessMeasurement> {
  const before = childrenCpuTicks();
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-tailChars);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peakBytes: number | null = null;
  let peakProcesses = 0;
  const sample = (): void => {
    if (child.pid === undefined) return;
    const tree = processTree(child.pid);
    let bytes = 0;
    let known = false;
    for (const pid of tree) {
      const rss = residentBytes(pid);
      if (rss === null) continue;
      known = true;
      bytes += rss;
    }
    if (known) peakBytes = Math.max(peakBytes ?? 0, bytes);
    peakProcesses = Math.max(peakProcesses, tree.length);
  };
  const sampler = setInterval(sample, options.rssIntervalMs ?? defaultRssIntervalMs);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => {
    clearInterval(sampler);
    clearTimeout(timer);
  });
  const wallMs = Math.round(performance.now() - started);
  const after = childrenCpuTicks();
  const ticks = before && after ? { user: after.user - before.user, system: after.system - before.system } : null;
  const msPerTick = 1000 / clockTicksPerSecond;
  return {
    exitCode,
    wallMs,
    cpuUserMs: ticks ? Math.round(ticks.user * msPerTick) : null,
    cpuSystemMs: ticks ? Math.round(ticks.system * msPerTick) : null,
    peakRssMiB: peakBytes === null ? null : Math.round((peakBytes / 1024 / 1024) * 10) / 10,
    peakProcesses,
    outputTail: tail,
    timedOut,
  };
}

/** USER_HZ: 100 on every mainstream Linux architecture (what /proc/<pid>/stat counts in). */
const clockTicksPerSecond = 100;
const pageBytes = 4096;

/** cutime and cstime of this process (fields 16 and 17 of /proc/self/stat), or null without /proc. */
function childrenCpuTicks(): { user: number; system: number } | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state), so field n is fields[n - 3].
    return { user: Number(fields[13]), system: Number(fields[14]) };
  } catch {
    return null;
  }
}

function processTree(root: number): number[] {
  const all: number[] = [];
  const visit = (pid: number): void => {
    all.push(pid);
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    } catch {
      return;
    }
    for (const child of children.trim().split(/\s+/)) if (child !== '') visit(Number(child));
  };
  visit(root);
  return all;
}

function residentBytes(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * pageBytes : null;
  } catch {
    return null;
  }
}
