import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throwaway folder holding a `.procs.json` and whatever files a test needs. */
export interface TempProject {
  root: string;
  configFile: string;
  write(relativePath: string, text: string): string;
  writeConfig(config: unknown): void;
  remove(): void;
}

export function makeTempProject(prefix = 'procs-test-'): TempProject {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const configFile = path.join(root, '.procs.json');
  const write = (relativePath: string, text: string): string => {
    const file = path.join(root, relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  return {
    root,
    configFile,
    write,
    writeConfig: (config) => void write('.procs.json', JSON.stringify(config, null, 2)),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** A command that runs until stopped, as an array so no shell sits between us and it. */
export const IDLE_COMMAND = ['node', '-e', 'setInterval(() => {}, 1 << 30)'];
