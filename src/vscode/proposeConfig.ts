import { isReservedName } from '../core/config/rules/names';

/** Pure: the first `.procs.json` for a folder, from its package.json scripts and its Procfile. */

/** Script names that usually run until stopped: `dev`, `start`, `watch`, `serve`, `build:watch`, `dev:api`… */
const LONG_RUNNING_SCRIPT = /^(dev|start|watch|serve)$|^(dev|watch|serve):|:(dev|watch|serve)$/;
const PROCFILE_LINE = /^([A-Za-z0-9_.-]+):\s*(\S.*)$/;

export interface ProposedConfig {
  processes: Record<string, { command: string }>;
}

export function proposeConfig(packageJsonText: string | undefined, procfileText: string | undefined): ProposedConfig {
  const processes: Record<string, { command: string }> = {};
  for (const script of scriptNames(packageJsonText)) {
    if (LONG_RUNNING_SCRIPT.test(script)) processes[script] = { command: `npm run ${script}` };
  }
  for (const line of (procfileText ?? '').split(/\r?\n/)) {
    const match = PROCFILE_LINE.exec(line.trim());
    if (!match) continue;
    // A Procfile may use a name the config reserves (`all`); the proposal must be a file that loads.
    const name = isReservedName(match[1]) ? `${match[1]}-process` : match[1];
    if (!Object.hasOwn(processes, name)) processes[name] = { command: match[2] };
  }
  return { processes };
}

function scriptNames(packageJsonText: string | undefined): string[] {
  if (packageJsonText === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(packageJsonText);
    const scripts = typeof parsed === 'object' && parsed !== null ? (parsed as { scripts?: unknown }).scripts : undefined;
    return typeof scripts === 'object' && scripts !== null ? Object.keys(scripts) : [];
  } catch {
    return [];
  }
}
