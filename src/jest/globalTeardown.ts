import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildRunResult } from '../engine/buildRunResult';
import { printRunSummary } from '../engine/printRunSummary';
import { writeReports } from '../report/writeReports';
import { escapingWriter } from '../shared/escapeControlChars';
import { readParts } from './parts';
import { takeRunHandles } from './runHandles';
import { clearRunState, readRunState } from './runState';

/**
 * Runs once in Jest's parent process after every suite (and after the reporters): assembles
 * the result model from the parts the test files wrote, writes every report, then stops what
 * global setup started. Reports are written even when the environment never came up.
 */
export default async function globalTeardown(): Promise<void> {
  const state = readRunState();
  const handles = takeRunHandles();
  try {
    if (!state || !handles) return;
    // Every part again through the run-wide registry: a token one worker was issued after another
    // worker recorded its echo is hidden before any report is written.
    const registry = handles.redaction?.redactor;
    const parts = readParts(state.partsDir).map((part) => (registry ? registry.redactRecord(part) : part));
    const config = handles.environment?.config;
    const run = buildRunResult({
      root: state.root,
      runId: state.runId,
      startedAt: handles.startedAt,
      finishedAt: new Date(),
      ...(config ? { config } : {}),
      envName: process.env.PARITY_ENV ?? 'sandbox',
      suites: parts.flatMap((part) => (part.suite ? [part.suite] : [])),
      cases: parts.flatMap((part) => part.cases),
      ...(firstTokenParity(parts) ? { tokenParity: firstTokenParity(parts)! } : {}),
      ...(handles.shard ? { shard: handles.shard } : {}),
      warnings: handles.setupError ? [`The environment could not be prepared: ${handles.setupError.message}`] : [],
    });
    const reportsDir = path.resolve(state.root, config?.run.reportsDir ?? 'reports');
    const written = await writeReports(run, reportsDir);
    printRunSummary(run, written.map((file) => path.relative(process.cwd(), file)), escapingWriter(process.stdout));
  } finally {
    await handles?.pacer?.close();
    await handles?.redaction?.close();
    await handles?.environment?.close();
    if (state) rmSync(state.partsDir, { recursive: true, force: true });
    clearRunState();
  }
}

function firstTokenParity(parts: ReturnType<typeof readParts>) {
  return parts.find((part) => part.tokenParity)?.tokenParity;
}
