// Mocha reporter: prints like `spec`, and writes {passed, failed, skipped,
// failures} to the file named by PROCS_TEST_RESULTS so test-all can sum up.
// CommonJS because mocha loads reporters with require().
const fs = require('fs');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const stats = { passed: 0, failed: 0, skipped: 0, failures: [] };
    runner.on(EVENT_TEST_PASS, () => stats.passed++);
    runner.on(EVENT_TEST_PENDING, () => stats.skipped++);
    // Hook failures arrive here too, which is what we want: they are failures.
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      stats.failed++;
      stats.failures.push({ title: test.fullTitle(), error: (err && err.stack) || String(err) });
    });
    runner.once(EVENT_RUN_END, () => {
      if (process.env.PROCS_TEST_RESULTS) fs.writeFileSync(process.env.PROCS_TEST_RESULTS, JSON.stringify(stats, null, 2));
    });
  }
}

module.exports = StatsReporter;
