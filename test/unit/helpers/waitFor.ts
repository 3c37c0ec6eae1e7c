/**
 * Waits until `predicate` holds, checking every 10 ms, and fails with `message`
 * after `timeoutMs`. Tests wait on an observable condition with a deadline, never on a fixed sleep.
 */
export async function waitFor(
  predicate: () => boolean,
  { timeoutMs = 5000, message = 'condition' }: { timeoutMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
