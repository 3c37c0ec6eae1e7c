import * as assert from 'assert';
import schema from '../../../schemas/procs.schema.json';
import { parseDuration } from '../../../src/core/config/durations';
import { brief, parse, problemsOfProcess, resolvedApi as resolved } from './parseHelpers';

/** What `marks` gives for a config whose `db` entry has these extra fields. */
const problemsOf = (fields: object): Array<[string, string, string]> => problemsOfProcess(fields, 'db');

describe('config probes', () => {
  describe('resolving', () => {
    it('reads a tcp port on 127.0.0.1, a host:port and a bracketed IPv6 host', () => {
      assert.deepStrictEqual(resolved({ ready: { tcp: 5432 } }).ready?.target, { kind: 'tcp', host: '127.0.0.1', port: 5432 });
      assert.deepStrictEqual(resolved({ ready: { tcp: 'db.local:65535' } }).ready?.target, { kind: 'tcp', host: 'db.local', port: 65535 });
      assert.deepStrictEqual(resolved({ health: { tcp: '[::1]:1' } }).health?.target, { kind: 'tcp', host: '::1', port: 1 });
    });

    it('reads http with the default status range or the one written', () => {
      const url = 'https://127.0.0.1:4000/health?deep=1';
      assert.deepStrictEqual(resolved({ ready: { http: url } }).ready?.target, { kind: 'http', url, status: [200, 399] });
      assert.deepStrictEqual(resolved({ health: { http: url, status: [204, 204] } }).health?.target, { kind: 'http', url, status: [204, 204] });
    });

    it('compiles a log pattern and keeps exec commands as written', () => {
      const log = resolved({ ready: { log: 'listening on \\d+' } }).ready?.target;
      assert.ok(log?.kind === 'log');
      assert.ok(log.pattern.test('listening on 4000'));
      const command = 'pg_isready -h 127.0.0.1';
      assert.deepStrictEqual(resolved({ ready: { exec: command } }).ready?.target, { kind: 'exec', command });
      assert.deepStrictEqual(resolved({ health: { exec: ['curl', '-f', 'x'] } }).health?.target, { kind: 'exec', command: ['curl', '-f', 'x'] });
    });

    it('applies the defaults the schema advertises', () => {
      const props = schema.definitions;
      const ms = (value: string): number | undefined => parseDuration(value);
      const spec = resolved({ ready: { tcp: 1 }, health: { tcp: 1 } });
      assert.deepStrictEqual(spec.ready, {
        target: { kind: 'tcp', host: '127.0.0.1', port: 1 },
        intervalMs: ms(props.readiness.properties.interval.default),
        timeoutMs: ms(props.readiness.properties.timeout.default),
        deadlineMs: ms(props.readiness.properties.deadline.default),
      });
      assert.deepStrictEqual(spec.health, {
        target: { kind: 'tcp', host: '127.0.0.1', port: 1 },
        intervalMs: ms(props.liveness.properties.interval.default),
        timeoutMs: ms(props.liveness.properties.timeout.default),
        failures: props.liveness.properties.failures.default,
      });
      assert.deepStrictEqual([spec.ready.intervalMs, spec.ready.timeoutMs, spec.ready.deadlineMs], [1000, 2000, 60_000]);
      assert.deepStrictEqual([spec.health?.intervalMs, spec.health?.timeoutMs, spec.health?.failures], [10_000, 2000, 3]);
      assert.deepStrictEqual(resolved({ ready: { http: 'http://a' } }).ready?.target, {
        kind: 'http',
        url: 'http://a',
        status: props.readiness.properties.status.default,
      });
    });

    it('reads interval, timeout, deadline and failures as written', () => {
      const spec = resolved({
        ready: { tcp: 1, interval: '250ms', timeout: 500, deadline: '2m' },
        health: { tcp: 1, interval: '1m', timeout: '1.5s', failures: 1 },
      });
      assert.deepStrictEqual([spec.ready?.intervalMs, spec.ready?.timeoutMs, spec.ready?.deadlineMs], [250, 500, 120_000]);
      assert.deepStrictEqual([spec.health?.intervalMs, spec.health?.timeoutMs, spec.health?.failures], [60_000, 1500, 1]);
    });
  });

  describe('errors', () => {
    it('refuses a probe with no kind at its key, and each extra kind at its key', () => {
      assert.deepStrictEqual(problemsOf({ ready: { interval: '1s' }, health: {} }), [
        ['processes.db.ready', 'needs one of tcp, http, log or exec', '"ready"'],
        ['processes.db.health', 'needs one of tcp, http or exec', '"health"'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { tcp: 1, log: 'up', exec: 'true' } }), [
        ['processes.db.ready.log', 'a probe has one kind; remove tcp or log', '"log"'],
        ['processes.db.ready.exec', 'a probe has one kind; remove tcp or exec', '"exec"'],
      ]);
    });

    it('refuses a log probe under health, with or without another kind', () => {
      const message = 'a log probe cannot tell liveness; use tcp, http or exec';
      assert.deepStrictEqual(problemsOf({ health: { log: 'up' } }), [['processes.db.health.log', message, '"log"']]);
      assert.deepStrictEqual(problemsOf({ health: { http: 'http://a', log: 'up' } }), [['processes.db.health.log', message, '"log"']]);
    });

    it('refuses ports outside 1–65535, as a number or in host:port', () => {
      const message = 'must be a port from 1 to 65535, or "host:port"';
      for (const tcp of [0, 65536, 5432.5, 'db:0', 'db:65536', 'db', ':5432', '5432', 'a b:1', '::1:5432']) {
        assert.deepStrictEqual(problemsOf({ ready: { tcp } }), [['processes.db.ready.tcp', message, JSON.stringify(tcp)]], String(tcp));
      }
      for (const tcp of [1, 65535, 'db:1', 'db:65535', 'db:9999', '10.0.0.1:59999', '[fe80::1]:80']) {
        assert.deepStrictEqual(problemsOf({ ready: { tcp } }), [], String(tcp));
      }
    });

    it('refuses a URL that is not http(s), or does not parse', () => {
      assert.deepStrictEqual(problemsOf({ ready: { http: 'ftp://db/x' }, health: { http: 'localhost:4000/health' } }), [
        ['processes.db.ready.http', 'must be an http:// or https:// URL', '"ftp://db/x"'],
        ['processes.db.health.http', 'must be an http:// or https:// URL', '"localhost:4000/health"'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { http: 'http://db:99999/' } }), [
        ['processes.db.ready.http', 'not a valid URL', '"http://db:99999/"'],
      ]);
    });

    it('refuses a status range that is not two codes from 100 to 599, low first', () => {
      assert.deepStrictEqual(problemsOf({ ready: { http: 'http://a', status: [200] } }), [
        ['processes.db.ready.status', 'must be [low, high]: two HTTP status codes', '[200]'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { http: 'http://a', status: [99, 200.5] } }), [
        ['processes.db.ready.status[0]', 'must be an HTTP status code from 100 to 599', '99'],
        ['processes.db.ready.status[1]', 'must be an HTTP status code from 100 to 599', '200.5'],
      ]);
      assert.deepStrictEqual(problemsOf({ health: { http: 'http://a', status: [400, 200] } }), [
        ['processes.db.health.status', 'must be [low, high] with low ≤ high', '[400,200]'],
      ]);
    });

    it('warns of a status on a probe that is not http', () => {
      assert.deepStrictEqual(problemsOf({ ready: { tcp: 1, status: [200, 299] } }), [
        ['processes.db.ready.status', 'only an http probe has a status; ignored', '"status"'],
      ]);
    });

    it('refuses a regex that does not compile, in the engine\'s words', () => {
      assert.deepStrictEqual(problemsOf({ ready: { log: 'ready (' } }), [
        ['processes.db.ready.log', 'not a valid regular expression: Unterminated group', '"ready ("'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { log: '*' } }), [
        ['processes.db.ready.log', 'not a valid regular expression: Nothing to repeat', '"*"'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { log: '' } }), [
        ['processes.db.ready.log', 'must be a regular expression; it is empty', '""'],
      ]);
    });

    it('refuses blank exec commands as it refuses a blank command', () => {
      assert.deepStrictEqual(problemsOf({ ready: { exec: ' ' }, health: { exec: ['', 'x'] } }), [
        ['processes.db.ready.exec', 'must be a non-blank string or a non-empty array of strings', '" "'],
        ['processes.db.health.exec[0]', 'must name the program to run; it is blank', '""'],
      ]);
    });

    it('refuses bad durations, zero waits and zero failures', () => {
      assert.deepStrictEqual(problemsOf({ ready: { tcp: 1, interval: 'soon', deadline: '600h' } }), [
        ['processes.db.ready.interval', 'not a duration (use 250ms, 5s, 2m, 1h or milliseconds)', '"soon"'],
        ['processes.db.ready.deadline', 'longer than the longest wait Procs can time (24.8 days)', '"600h"'],
      ]);
      assert.deepStrictEqual(problemsOf({ ready: { tcp: 1, timeout: '0s' }, health: { tcp: 1, interval: 0 } }), [
        ['processes.db.ready.timeout', 'must be more than 0', '"0s"'],
        ['processes.db.health.interval', 'must be more than 0', '0'],
      ]);
      assert.deepStrictEqual(problemsOf({ health: { tcp: 1, failures: 0 } }), [['processes.db.health.failures', 'must be an integer ≥ 1', '0']]);
    });

    it('gives line and column of a probe error', () => {
      const text = '{ "processes": {\n  "db": {\n    "command": "x",\n    "ready": { "tcp": 70000 } } } }';
      assert.deepStrictEqual(parse(text).problems.map(brief), [
        {
          severity: 'error',
          line: 4,
          column: 23,
          path: 'processes.db.ready.tcp',
          message: 'processes.db.ready.tcp: must be a port from 1 to 65535, or "host:port"',
        },
      ]);
    });
  });
});
