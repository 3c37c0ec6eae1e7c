// Small process helpers shared by the scripts.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command with inherited stdio; resolves to its exit code (never rejects). */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('error', (err) => {
      console.error(`failed to start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and captures stdout+stderr; resolves to { code, output }. */
export function capture(cmd, args, options = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: 127, output: String(err) }));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

function tryListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      server.close(() => resolve(actual));
    });
  });
}

/** A free loopback port: `preferred` if it is free, else whatever the OS hands out for port 0. */
export async function freePort(preferred) {
  if (preferred) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  const port = await tryListen(0);
  if (!port) throw new Error('could not get a free port from the OS');
  return port;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Formats elapsed time since `start` (ms from Date.now()). */
export const since = (start) => `${((Date.now() - start) / 1000).toFixed(1)}s`;
