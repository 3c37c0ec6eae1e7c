// One place that makes sure whatever we started is stopped: normal end,
// thrown error, Ctrl-C or SIGTERM. Each task has an async `stop` and a
// synchronous `kill` (the only thing allowed inside an 'exit' handler).
const tasks = new Set();
let installed = false;

async function stopAll() {
  for (const task of [...tasks].reverse()) {
    try {
      await task.stop();
    } catch (err) {
      console.error(`cleanup: ${err.message}`);
    }
    tasks.delete(task);
  }
}

function install() {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping everything we started…`);
      // A second signal while stopping forces the synchronous path.
      process.on(signal, () => process.exit(code));
      stopAll().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const task of tasks) {
      try {
        task.kill();
      } catch {
        /* already gone */
      }
    }
  });
}

/** Registers { stop(): Promise, kill(): void }; returns an unregister function. */
export function onCleanup(task) {
  install();
  tasks.add(task);
  return () => tasks.delete(task);
}
