import * as assert from 'node:assert/strict';
import type { ProbeTarget } from '../../../src/core/config/types';
import type { ResourceSample } from '../../../src/core/system/treeSample';
import { initialState } from '../../../src/core/process/states';
import { ROW_MARKS, rowContext } from '../../../src/vscode/rowContext';
import { browserPorts, httpPorts, portMark } from '../../../src/vscode/webPorts';
import { makeSpec } from '../helpers/processSpec';

function sampleWith(...ports: number[]): ResourceSample {
  const sockets = ports.map((port) => ({ port, address: '127.0.0.1', family: 4 as const }));
  return { name: 'test', pid: 1, at: 0, cpuPercent: undefined, rssBytes: 0, ports: sockets, processCount: 1, worker: undefined, runsNode: false };
}

const probe = (url: string): Extract<ProbeTarget, { kind: 'http' }> => ({ kind: 'http', url, status: [200, 399] });

describe('which ports look like HTTP (the inline Open in Browser)', () => {
  it('a dev server\'s usual port does; a database\'s or a random one does not', () => {
    const ports = httpPorts(makeSpec(), sampleWith(5432, 5173, 41234), undefined);
    assert.deepEqual(ports.map((socket) => socket.port), [5173]);
  });

  it('a port the ready or health probe asks over HTTP does, whatever its number', () => {
    const spec = makeSpec({
      ready: { target: probe('http://127.0.0.1:41234/ready'), intervalMs: 100, timeoutMs: 100, deadlineMs: 1000 },
      health: { target: probe('http://localhost:41300/health'), intervalMs: 100, timeoutMs: 100, failures: 3 },
    });
    assert.deepEqual(httpPorts(spec, sampleWith(41234, 41300, 41500), undefined).map((socket) => socket.port), [41234, 41300]);
  });

  it('a tcp probe says nothing about HTTP', () => {
    const spec = makeSpec({ ready: { target: { kind: 'tcp', host: '127.0.0.1', port: 41234 }, intervalMs: 100, timeoutMs: 100, deadlineMs: 1000 } });
    assert.deepEqual(httpPorts(spec, sampleWith(41234), undefined), []);
  });

  it('the context menu\'s pick lists every port, the HTTP-looking ones first', () => {
    assert.deepEqual(
      browserPorts(makeSpec(), sampleWith(5432, 8080), undefined).map((socket) => [socket.port, socket.http]),
      [
        [8080, true],
        [5432, false],
      ],
    );
  });

  it('the row\'s mark: .web, .ports, or nothing without a reading or a port', () => {
    assert.equal(portMark(makeSpec(), sampleWith(3000, 5432), undefined), '.web');
    assert.equal(portMark(makeSpec(), sampleWith(5432), undefined), '.ports');
    assert.equal(portMark(makeSpec(), sampleWith(), undefined), '');
    assert.equal(portMark(makeSpec(), undefined, undefined), '');
  });

  it('regression: a debugged process offered its inspector\'s port as one to open in the browser', () => {
    const debugging = { ...initialState(false, undefined), status: 'running' as const, debug: { inspectors: [{ url: 'ws://127.0.0.1:9229/x', host: '127.0.0.1', port: 9229 }], unavailable: undefined } };
    const spec = makeSpec();
    assert.deepEqual(browserPorts(spec, sampleWith(3000, 9229), debugging).map((socket) => socket.port), [3000]);
    assert.equal(portMark(spec, sampleWith(9229), debugging), '', 'the inspector alone is no port of its own');
    assert.deepEqual(browserPorts(spec, sampleWith(3000, 9229), undefined).map((socket) => socket.port), [3000, 9229], 'not debugged: a port like any other');
  });
});

describe('a row\'s contextValue', () => {
  it('ends in one of ROW_MARKS after its status, for every port, Node and debugging combination', () => {
    const spec = makeSpec();
    const debug = { inspectors: [], unavailable: undefined };
    for (const ports of [[], [5432], [3000]]) {
      for (const runsNode of [false, true, undefined]) {
        for (const debugging of [undefined, debug]) {
          const state = { ...initialState(false, undefined), status: 'running' as const, debug: debugging };
          const context = rowContext(state, spec, { ...sampleWith(...ports), runsNode });
          const tail = context.slice('procs.process.running'.length);
          assert.ok(ROW_MARKS.includes(tail), `${context}: "${tail}" is a known tail`);
          assert.equal(tail.includes('.node'), runsNode !== false);
          assert.equal(tail.endsWith('.debugging'), debugging !== undefined);
        }
      }
    }
    assert.equal(rowContext(initialState(false, undefined), spec, undefined), 'procs.process.stopped', 'no reading: no marks');
  });
});
