import * as path from 'node:path';
import type { ProcessSpec } from '../../../src/core/config/types';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

/** Absolute path of a program in test/fixtures. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** `node <fixture> …args` as an argv command (no shell). */
export function nodeFixture(name: string, ...args: Array<string | number>): string[] {
  return [process.execPath, fixture(name), ...args.map(String)];
}

/** A complete ProcessSpec with quiet defaults; tests override what they care about. */
export function makeSpec(overrides: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    name: 'test',
    command: nodeFixture('crasher.js'),
    cwd: FIXTURES,
    env: {},
    groups: [],
    instances: 1,
    autostart: false,
    disabled: false,
    restart: 'on-failure',
    backoffMs: [100],
    resetAfterMs: 60_000,
    maxRestarts: null,
    watch: [],
    ignore: [],
    stop: { signal: 'SIGTERM', timeoutMs: 3000 },
    output: { color: false, stripAnsi: false, timestamps: false, logFile: undefined, maxLogSizeBytes: 10_000_000, keepLogs: 3 },
    stdin: false,
    statusBar: false,
    limits: undefined,
    ready: undefined,
    health: undefined,
    dependsOn: [],
    before: undefined,
    debug: false,
    ...overrides,
  };
}
