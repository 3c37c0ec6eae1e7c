import * as assert from 'node:assert/strict';
import { ManagedProcess } from '../../../src/core/process/managedProcess';
import { TerminalSession } from '../../../src/vscode/terminalSession';
import { FakeClock } from '../helpers/fakeClock';
import { ProcessProbe } from '../helpers/processProbe';
import { makeSpec, nodeFixture } from '../helpers/processSpec';

// The line editing of "Open in Terminal": keys echo locally, Backspace erases, Enter hands the line
// to the process's stdin, Ctrl+C stops it. The session is wired to a real process the way
// src/vscode/processTerminals.ts wires it, and test/fixtures/echo.js prints back each line it reads.

const BACKSPACE = '\u007f';
const ENTER = '\r';
const CTRL_C = '\u0003';

describe('TerminalSession line editing, on a real process', () => {
  let managed: ManagedProcess;
  let probe: ProcessProbe;
  let written: string;
  let session: TerminalSession;
  /** Everything the session wrote to the terminal (read through a function: assert.equal narrows a variable). */
  const screen = (): string => written;

  beforeEach(async () => {
    managed = new ManagedProcess(makeSpec({ name: 'echo', command: nodeFixture('echo.js'), stdin: true }), { name: 'echo', index: 1, count: 1, root: '/' });
    probe = new ProcessProbe(managed);
    written = '';
    session = new TerminalSession(
      {
        write: (text) => managed.writeInput(text),
        hasStdin: () => managed.spec.stdin,
        running: () => managed.state.pid !== undefined,
        endInput: () => managed.endInput(),
        interrupt: () => void managed.stop(),
        keptIn: () => managed.logFile,
      },
      (data) => (written += data),
      new FakeClock(),
    );
    await managed.start();
    // The echo fixture prints its history once it runs; by then its stdin listener is in place.
    await probe.waitForLine(/history 3/);
  });
  afterEach(async () => {
    session.dispose();
    await managed.dispose();
  });

  /** The lines the process echoed back (`echo: <line>`), without the prefix. */
  const echoed = (): string[] => probe.text().flatMap((text) => (text.startsWith('echo: ') ? [text.slice('echo: '.length)] : []));

  it('echoes typed characters, erases with Backspace, and sends only the corrected line on Enter', async () => {
    session.input('helo');
    assert.equal(screen(), 'helo', 'each character is echoed as typed');
    session.input(`${BACKSPACE}${BACKSPACE}`);
    assert.equal(screen(), 'helo\b \b\b \b', 'each Backspace erases one character on screen');
    session.input('llo world');

    session.input(ENTER);
    assert.equal(screen(), 'helo\b \b\b \bllo world\r\n', 'Enter ends the line on screen');
    await probe.waitForLine(/^echo: /);
    assert.deepEqual(echoed(), ['hello world']);
  });

  it('sends a line per Enter, CRLF counting once, and Backspace on an empty line does nothing', async () => {
    session.input(`${BACKSPACE}one\r\ntwo${ENTER}`);
    assert.ok(!screen().includes('\b'), `no erase on an empty line: ${JSON.stringify(screen())}`);
    await probe.waitForLine(/^echo: /, 2);
    assert.deepEqual(echoed(), ['one', 'two']);
  });

  it('Ctrl+C drops the typed line, shows ^C and stops the process', async () => {
    session.input('not sent');
    session.input(CTRL_C);
    assert.equal(screen(), 'not sent^C\r\n');
    await probe.waitForStatus('stopped');
    assert.equal(managed.state.reason, 'user');
    assert.deepEqual(echoed(), [], 'the line typed before Ctrl+C never reached the process');
  });

  it('regression: a line typed after the process ended said it had no stdin, and later ones vanished without a word', async () => {
    await managed.stop();
    session.input(`late${ENTER}later${ENTER}`);
    session.flush();

    assert.ok(!screen().includes('no stdin'), screen());
    assert.equal(screen().split('not running: the line was not sent').length - 1, 2, `each lost line is told: ${JSON.stringify(screen())}`);
  });

  it('a line typed after Ctrl+D closed stdin says so, not that the process stopped', async () => {
    session.input('\u0004');
    session.input(`late${ENTER}`);
    session.flush();
    assert.ok(screen().includes('stdin is closed (Ctrl+D): the line was not sent'), screen());
    assert.equal(managed.state.status, 'running');
  });
});
