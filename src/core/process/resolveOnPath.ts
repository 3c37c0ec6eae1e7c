import * as fs from 'fs';
import * as path from 'path';

/**
 * Finds a bare command name on PATH as execvp would: the first folder holding an executable file
 * of that name. Node's spawn() blocks the event loop until the forked child has exec'd, and a search
 * made there costs a failed exec per folder; made here it costs a stat per folder. A name with a
 * slash, or one not found, is returned unchanged for spawn() to run or to report.
 */
export function resolveOnPath(file: string, searchPath: string | undefined, cwd: string): string {
  if (file.includes('/') || !searchPath || process.platform === 'win32') return file;
  return findOnPath(file, searchPath, cwd) ?? file;
}

/** The program a bare name runs, as execvp finds it in `searchPath`; undefined when none is there. */
export function findOnPath(file: string, searchPath: string, cwd: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    // An empty entry means the working directory, as it does for execvp. Absolute folders are joined
    // by hand: path.resolve for every folder of every process at start-up is enough to make V8 spend
    // ~100 ms optimizing it and map a few MB of its compiler.
    const candidate = path.isAbsolute(dir) ? `${dir.endsWith('/') ? dir : `${dir}/`}${file}` : path.resolve(cwd, dir, file);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutableFile(candidate: string): boolean {
  // Most candidates do not exist: a stat that returns undefined is far cheaper than a thrown error.
  const stat = fs.statSync(candidate, { throwIfNoEntry: false });
  if (!stat?.isFile()) return false;
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The key an environment spells PATH with: Windows writes `Path`; whichever is there is kept. */
export function pathKeyOf(env: NodeJS.ProcessEnv): string {
  return Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
}

/** The PATH a process gets from `env`: its project's `node_modules/.bin` first, as npm scripts have it. */
export function childSearchPath(env: NodeJS.ProcessEnv, root: string): string {
  const bin = path.join(root, 'node_modules', '.bin');
  const inherited = env[pathKeyOf(env)];
  return inherited ? `${bin}${path.delimiter}${inherited}` : bin;
}
