import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedCall } from './recorder';
import { diffShapes, type Shape } from './shape';

/** A call of the target beside the emulator's call at the same position of the same run. */
export interface PairedCall {
  index: number;
  operation: string;
  target: RecordedCall | null;
  emulator: RecordedCall | null;
  differences: string[];
}

/** An error answer the target gave: which call, which HTTP status, which remote code. */
export interface ErrorAnswer {
  operation: string;
  status: number | null;
  code: string;
}

export interface PartReport {
  part: string;
  status: 'passed' | 'failed' | 'not run';
  /** Why it failed or did not run: variable names and error messages, never a value. */
  reason?: string;
  calls: PairedCall[];
  differences: number;
  /** Every distinct error answer of the target: the not-found codes the docs can only guess. */
  errorAnswers: ErrorAnswer[];
}

export interface ContractReport {
  target: string;
  generatedAt: string;
  parts: PartReport[];
  totals: { calls: number; differences: number; notRun: string[] };
}

/**
 * Pairs the target's calls with the shadow emulator's in order. Both ran the same scenario
 * from the same starting state, so the n-th call of one is the n-th call of the other; a
 * different operation at a position, or a call only one side made, is itself a difference.
 */
export function pairCalls(target: RecordedCall[], emulator: RecordedCall[]): PairedCall[] {
  const count = Math.max(target.length, emulator.length);
  return Array.from({ length: count }, (_, index) => {
    const a = target[index] ?? null;
    const b = emulator[index] ?? null;
    return {
      index,
      operation: a?.operation ?? b?.operation ?? '?',
      target: a,
      emulator: b,
      differences: callDifferences(a, b),
    };
  });
}

function callDifferences(a: RecordedCall | null, b: RecordedCall | null): string[] {
  if (!a || !b) return [`call made only by the ${a ? 'target' : 'emulator'}`];
  if (a.operation !== b.operation) return [`operation: ${a.operation} vs ${b.operation}`];
  const out: string[] = [];
  if (a.status !== b.status) out.push(`HTTP status: ${a.status} vs ${b.status}`);
  out.push(...shapeDiff('request query', a.request.query, b.request.query));
  out.push(...shapeDiff('request body', a.request.body, b.request.body));
  out.push(...shapeDiff('response', a.response, b.response));
  return out;
}

function shapeDiff(where: string, a: Shape | null, b: Shape | null): string[] {
  if (a === null || b === null) {
    return a === b ? [] : [`${where}: ${a ? 'present' : 'none'} vs ${b ? 'present' : 'none'}`];
  }
  return diffShapes(a, b).map((d) => `${where} ${d.path}: ${d.target} vs ${d.emulator}`);
}

export function partReport(
  part: string,
  status: PartReport['status'],
  calls: PairedCall[],
  reason?: string,
): PartReport {
  const differences = calls.reduce((sum, call) => sum + call.differences.length, 0);
  return {
    part,
    status,
    ...(reason ? { reason } : {}),
    calls,
    differences,
    errorAnswers: errorAnswersOf(calls),
  };
}

function errorAnswersOf(calls: PairedCall[]): ErrorAnswer[] {
  const seen = new Map<string, ErrorAnswer>();
  for (const { target } of calls) {
    if (target?.errorCode === undefined) continue;
    const answer = { operation: target.operation, status: target.status, code: target.errorCode };
    seen.set(JSON.stringify(answer), answer);
  }
  return [...seen.values()];
}

export function contractReport(target: string, parts: PartReport[]): ContractReport {
  return {
    target,
    generatedAt: new Date().toISOString(),
    parts,
    totals: {
      calls: parts.reduce((sum, p) => sum + p.calls.length, 0),
      differences: parts.reduce((sum, p) => sum + p.differences, 0),
      notRun: parts.filter((p) => p.status === 'not run').map((p) => p.part),
    },
  };
}

/** Writes `contract-report.json` and a short `contract-report.md`; returns both paths. */
export function writeReport(dir: string, report: ContractReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'contract-report.json');
  const md = path.join(dir, 'contract-report.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown(report));
  return { json, md };
}

function markdown(report: ContractReport): string {
  const lines = [
    '# Acceptance contract report',
    '',
    `Target: ${report.target}. Generated ${report.generatedAt}.`,
    `Calls paired with the emulator: ${report.totals.calls}; shape differences: ${report.totals.differences}.`,
    '',
    '| Part | Status | Calls | Differences |',
    '| --- | --- | --- | --- |',
    ...report.parts.map(
      (p) =>
        `| ${p.part} | ${p.status}${p.reason ? ` (${p.reason})` : ''} | ${p.calls.length} | ${p.differences} |`,
    ),
  ];
  const answers = report.parts.flatMap((p) => p.errorAnswers.map((a) => ({ part: p.part, ...a })));
  if (answers.length > 0) {
    lines.push(
      '',
      '## Error answers of the target',
      '',
      'The not-found codes among them settle the guesses listed in docs/wire-facts.md.',
      '',
      '| Part | Call | HTTP status | Code |',
      '| --- | --- | --- | --- |',
      ...answers.map(
        (a) => `| ${a.part} | \`${a.operation}\` | ${a.status ?? '-'} | \`${a.code}\` |`,
      ),
    );
  }
  for (const part of report.parts) {
    const differing = part.calls.filter((c) => c.differences.length > 0);
    if (differing.length === 0) continue;
    lines.push('', `## ${part.part}`, '');
    for (const call of differing) {
      lines.push(`- call ${call.index + 1} \`${call.operation}\``);
      for (const d of call.differences) lines.push(`  - ${d}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
