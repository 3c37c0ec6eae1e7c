import type { Clock, TimerHandle } from '../clock';

interface Instant {
  timer: TimerHandle;
  callbacks: Set<() => void>;
}

const pendingByClock = new WeakMap<Clock, Map<number, Instant>>();

/**
 * Calls `callback` when the clock reaches `at`. Callbacks aimed at the same instant share one
 * timer and run in one turn of the event loop: ten liveness probes due on the same tick wake the
 * process once, and their sockets answer together, where ten timers each set a moment apart
 * (a fresh `now` each) wake it two or three times and cost about half as much again.
 */
export function atInstant(clock: Clock, at: number, callback: () => void): TimerHandle {
  let pending = pendingByClock.get(clock);
  if (!pending) pendingByClock.set(clock, (pending = new Map()));
  const instants = pending;
  let instant = instants.get(at);
  if (!instant) {
    const callbacks = new Set<() => void>();
    const timer = clock.setTimeout(() => {
      instants.delete(at);
      for (const call of callbacks) {
        try {
          call();
        } catch (error) {
          // Thrown later, as its own timer would have, without keeping the others from their turn.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }, Math.max(0, at - clock.now()));
    instant = { timer, callbacks };
    instants.set(at, instant);
  }
  const shared = instant;
  // Its own function, so one callback handed in twice is called twice and cancelled apart.
  const call = (): void => callback();
  shared.callbacks.add(call);
  return {
    cancel: () => {
      if (!shared.callbacks.delete(call) || shared.callbacks.size > 0) return;
      shared.timer.cancel();
      if (instants.get(at) === shared) instants.delete(at);
    },
  };
}
