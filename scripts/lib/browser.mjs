// Debian's Chromium driven by playwright-core (never `npx playwright install`),
// with a throwaway profile so runs never share state.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { onCleanup } from './cleanup.mjs';
import { chromiumPath } from './paths.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Returns { context, page, close() }. */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'procs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: ARGS, viewport,
    // Our cleanup handles signals, so Playwright must not exit the process first.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  let closed;
  const close = () => (closed ??= (async () => {
    unregister();
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  })());
  // Playwright kills its browser when this process exits; close() does it earlier and tidies up.
  const unregister = onCleanup({ stop: close, kill: () => rmSync(profile, { recursive: true, force: true }) });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}
