// After the tests, the extension host must shut down on its own and deactivate() must
// stop every process the suites left running. Checked before the harness kills anything,
// since its group kill would otherwise hide a leak.
import { existsSync, readFileSync } from 'node:fs';
import { sleep } from './proc.mjs';
import { statFields } from './procStat.mjs';

const EXITED = /<(\d+)> Extension Host Process exited with code: (\S+), signal: (\S+)\./;

/** Waits for code-server to log the host's exit; resolves to that line's facts, or null at the deadline. */
export async function waitHostExit(logFile, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = EXITED.exec(readFileSync(logFile, 'utf8'));
    if (match) return { pid: Number(match[1]), code: match[2], signal: match[3] };
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

/**
 * Gone or a zombie whose last thread has exited. Only then are its children handed to init: while any
 * thread lives they are still its descendants, and code-server's stop() would kill them as such.
 */
function exitedFully(pid) {
  const fields = statFields(pid);
  return !fields || (fields[0] === 'Z' && Number(fields[17]) <= 1);
}

/**
 * SIGKILLs an extension host mid-run; resolves to whether it died within 5 s. It is frozen (SIGSTOP)
 * while `closePage` runs, so losing its page can neither start a graceful shutdown (deactivate() would
 * stop the very processes that must be left behind) nor make the workbench restart it.
 */
export async function sigkillHost(pid, closePage) {
  process.kill(pid, 'SIGSTOP');
  await closePage();
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && !exitedFully(pid); i++) await sleep(100);
  return exitedFully(pid);
}

/** Alive = signalable and not a zombie (a zombie is dead, only not yet reaped). */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return err.code === 'EPERM';
  }
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== 'Z';
}

/**
 * Polls the pids in `pidsFile` until none is alive. Resolves to { passed, error }; survivors are
 * killed (with their process groups, which the supervisor gives them) so nothing outlives the run.
 */
export async function checkPidsGone(pidsFile, timeoutMs = 10_000) {
  if (!existsSync(pidsFile)) return { passed: false, error: `no pids recorded (${pidsFile} is missing)` };
  const pids = [...new Set(readFileSync(pidsFile, 'utf8').split('\n').filter(Boolean).map(Number))];
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter(isAlive);
  while (alive.length && Date.now() < deadline) {
    await sleep(100);
    alive = alive.filter(isAlive);
  }
  if (!alive.length) return { passed: true, checked: pids.length };
  for (const pid of alive) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        /* gone or not a group leader */
      }
    }
  }
  return { passed: false, error: `still alive ${timeoutMs / 1000} s after the host exited: ${alive.join(', ')} (of ${pids.join(', ')})` };
}
