import { spawn, type ChildProcess } from 'node:child_process';
import { fixture } from '../helpers/processSpec';
import { waitFor } from '../helpers/waitFor';

/** A fixture run with node, its stdout split into lines; `stopAll` ends every one still running. */
export class FixtureChild {
  private static running = new Set<FixtureChild>();
  readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private partial = '';

  constructor(name: string, args: Array<string | number>, onLine: (line: string) => void = () => undefined) {
    this.child = spawn(process.execPath, [fixture(name), ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      for (const line of parts) {
        this.lines.push(line);
        onLine(line);
      }
    });
    FixtureChild.running.add(this);
  }

  static async stopAll(): Promise<void> {
    await Promise.all([...FixtureChild.running].map((child) => child.stop()));
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** The first line matching `pattern`: the fixture's handshake. */
  async waitForLine(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = (): RegExpMatchArray | undefined => this.lines.map((line) => line.match(pattern)).find((m) => m !== null) ?? undefined;
    await waitFor(() => match() !== undefined, { message: `${pattern} (printed: ${this.lines.join(' | ')})` });
    return match() as RegExpMatchArray;
  }

  async stop(): Promise<void> {
    FixtureChild.running.delete(this);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
