import './quietHeap';
import { USAGE, parseArgs } from './args';
import { runCheck } from './check';
import { Printer } from './printer';
import { runUp } from './up';

declare const PROCS_VERSION: string | undefined;

async function main(): Promise<number> {
  const command = parseArgs(process.argv.slice(2), process.cwd());
  // A reader that goes away (`procs up | head`) must not crash us and orphan the children.
  let closed = false;
  const outputClosed = new Promise<void>((resolve) =>
    process.stdout.on('error', () => {
      closed = true;
      resolve();
    }),
  );
  const write = (text: string | Buffer, written?: () => void): void => {
    if (!closed) process.stdout.write(text, written);
  };
  switch (command.kind) {
    case 'help':
      write(`${USAGE}\n`);
      return 0;
    case 'version':
      write(`${typeof PROCS_VERSION === 'string' ? PROCS_VERSION : 'dev'}\n`);
      return 0;
    case 'error':
      process.stderr.write(`procs: ${command.message}\n${USAGE}\n`);
      return 2;
    case 'check':
      return runCheck(command.configFile, process.cwd(), write);
    case 'up': {
      const printer = new Printer({ write, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
      const stdout = { pending: () => process.stdout.writableLength, onDrain: (callback: () => void) => process.stdout.once('drain', callback) };
      const attach = command.attach === undefined ? undefined : { name: command.attach, input: process.stdin };
      return runUp({ configFile: command.configFile, selectors: command.selectors, cwd: process.cwd(), printer, outputClosed, stdout, attach });
    }
  }
}

main().then(
  (code) => {
    // Let stdout drain before leaving; a piped flood may still be queued.
    if (process.stdout.writable) process.stdout.write('', () => process.exit(code));
    else process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`procs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  },
);
