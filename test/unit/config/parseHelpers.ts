import * as assert from 'assert';
import * as path from 'path';
import type { ConfigFiles } from '../../../src/core/config/configFiles';
import { parseConfig } from '../../../src/core/config/parseConfig';
import type { ConfigProblem, ConfigResult, ProcessSpec } from '../../../src/core/config/types';
import type { PathKind } from '../../../src/core/isDirectory';

export const ROOT = path.resolve('/work/project');
export const FILE = path.join(ROOT, '.procs.json');

/** What the fake disk holds besides ROOT and its ancestors, by paths relative to ROOT; anything else is missing. */
export interface FakeDisk {
  files?: Record<string, string>;
  folders?: string[];
  /** Bare program names found on PATH; `node` and `sh` unless given. */
  programs?: string[];
}

export function parse(text: string, disk: FakeDisk = {}): ConfigResult {
  const files = new Map(Object.entries(disk.files ?? {}).map(([relative, content]) => [path.join(ROOT, relative), content]));
  const folders = new Set((disk.folders ?? []).map((relative) => path.join(ROOT, relative)));
  const kind = (abs: string): PathKind => {
    if (files.has(abs)) return 'file';
    if (folders.has(abs) || abs === ROOT || ROOT.startsWith(abs + path.sep) || abs === path.parse(abs).root) return 'directory';
    return 'missing';
  };
  // Programs: the bare names in `programs`, and files of the fake disk given by a path.
  const programs = new Set(disk.programs ?? ['node', 'sh']);
  const runs = (file: string, _searchPath: string | undefined, cwd: string): boolean => (file.includes('/') ? files.has(path.resolve(cwd, file)) : programs.has(file));
  const fake: ConfigFiles = { readText: (abs) => files.get(abs), kind, runs };
  return parseConfig(text, FILE, fake);
}

/** [path, message without its path, the text the problem marks]: what a reader checks when the position is the point. */
export function marks(text: string): Array<[string, string, string]> {
  return parse(text).problems.map((p) => [p.path, p.message.slice(p.path.length + 2), text.slice(p.offset, p.offset + p.length)]);
}

/** The fields a reader checks, so a failing test shows them side by side. */
export function brief(problem: ConfigProblem): Pick<ConfigProblem, 'severity' | 'line' | 'column' | 'path' | 'message'> {
  const { severity, line, column, path: jsonPath, message } = problem;
  return { severity, line, column, path: jsonPath, message };
}

/** The one process of a config whose `api` entry has these extra fields; the config must have no problem. */
export function resolvedApi(fields: object): ProcessSpec {
  const result = parse(JSON.stringify({ processes: { api: { command: 'x', ...fields } } }));
  assert.deepStrictEqual(result.problems, []);
  assert.ok(result.config);
  return result.config.processes[0];
}

/** What `marks` gives for a config whose `name` entry has these extra fields. */
export function problemsOfProcess(fields: object, name = 'api'): Array<[string, string, string]> {
  return marks(JSON.stringify({ processes: { [name]: { command: 'x', ...fields } } }));
}
