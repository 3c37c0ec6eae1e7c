import type { Clock, TimerHandle } from '../core/clock';
import { lifecycleLine } from '../core/process/lifecycleText';
import { RecentLines } from '../core/process/recentLines';
import { notShownText } from './channelWindow';

/** What a terminal session needs of its process; no `vscode` here, so it is tested on its own. */
export interface SessionProcess {
  /** Sends text to the process's stdin; false when it has none now (not running, or no pipe). */
  write(text: string): boolean;
  /** Its config gives it a stdin pipe (`"stdin": true`). */
  hasStdin(): boolean;
  /** A run is under way (its stdin may still have been closed, by Ctrl+D). */
  running(): boolean;
  /** Closes its stdin (Ctrl+D). */
  endInput(): void;
  /** Ctrl+C: stops the process, as in any terminal. */
  interrupt(): void;
  /** Where every line is kept, for the line that says some were not shown. */
  keptIn(): string | undefined;
}

/** Writes to a terminal come this often at most, and hold this much: a flood shows its newest lines. */
const TERMINAL_WRITE = { intervalMs: 50, lines: 5_000, chars: 1024 * 1024 };
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/**
 * One process shown in a terminal: its lines out (colours kept, CRLF as a terminal wants), and
 * what the user types in, echoed and edited locally and sent to stdin a line at a time.
 */
export class TerminalSession {
  private readonly pending = new RecentLines<string>(TERMINAL_WRITE.lines, TERMINAL_WRITE.chars, (line) => line.length);
  private droppedBefore = 0;
  private timer: TimerHandle | undefined;
  private typed = '';
  /** Set after an ESC: the rest of the escape sequence (arrow keys and the like) is not text. */
  private inEscape = false;
  private afterCr = false;
  private toldNoStdin = false;

  constructor(
    private readonly process: SessionProcess,
    private readonly write: (data: string) => void,
    private readonly clock: Clock,
  ) {}

  /** Lines as they are shown (ANSI kept). */
  lines(lines: readonly string[]): void {
    for (const line of lines) this.pending.push(line);
    this.timer ??= this.clock.setTimeout(() => this.flush(), TERMINAL_WRITE.intervalMs);
  }

  /** A line of ours (`exited with code 0` between two rules), dimmed. */
  own(text: string): void {
    this.lines([`${DIM}${lifecycleLine(text)}${RESET}`]);
  }

  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const lost = this.pending.dropped - this.droppedBefore;
    this.droppedBefore = this.pending.dropped;
    const lines = this.pending.take();
    if (lines.length === 0) return;
    const notice = lost > 0 ? `${DIM}${lifecycleLine(notShownText(lost, this.process.keptIn()))}${RESET}\r\n` : '';
    // A line the user is typing stays below the output.
    const erase = this.typed ? '\r\u001b[2K' : '';
    this.write(`${erase}${notice}${lines.join('\r\n')}\r\n${this.typed}`);
  }

  /** Keys from the terminal. */
  input(data: string): void {
    for (const char of data) this.key(char);
  }

  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private key(char: string): void {
    if (this.inEscape) {
      // CSI sequences end with a letter or `~`; anything else after ESC is one character long.
      if (/[A-Za-z~]/.test(char) || (char !== '[' && char !== 'O' && !/[0-9;]/.test(char))) this.inEscape = false;
      return;
    }
    const afterCr = this.afterCr;
    this.afterCr = false;
    switch (char) {
      case '\u001b':
        this.inEscape = true;
        return;
      case '\r':
        this.afterCr = true;
        return this.enter();
      case '\n':
        if (!afterCr) this.enter();
        return;
      case '\u007f':
      case '\b':
        if (this.typed.length === 0) return;
        this.typed = this.typed.slice(0, -1);
        this.write('\b \b');
        return;
      case '\u0003':
        this.typed = '';
        this.write('^C\r\n');
        this.process.interrupt();
        return;
      case '\u0004':
        this.process.endInput();
        return;
      default:
        if (char < ' ') return;
        this.typed += char;
        this.write(char);
    }
  }

  private enter(): void {
    const line = this.typed;
    this.typed = '';
    this.write('\r\n');
    if (this.process.write(`${line}\n`)) return;
    // Each line lost is told, as each was typed.
    if (this.process.hasStdin()) return this.own(this.process.running() ? 'stdin is closed (Ctrl+D): the line was not sent' : 'not running: the line was not sent');
    if (this.toldNoStdin) return;
    this.toldNoStdin = true;
    this.own('this process has no stdin: "stdin": true in .procs.json gives it one');
  }
}
