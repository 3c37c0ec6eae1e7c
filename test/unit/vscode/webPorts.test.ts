import * as assert from 'node:assert/strict';
import type { ProbeTarget } from '../../../src/core/config/types';
import type { ResourceSample } from '../../../src/core/system/treeSample';
import { browserPorts, httpPorts, portMark } from '../../../src/vscode/webPorts';
import { makeSpec } from '../helpers/processSpec';

function sampleWith(...ports: number[]): ResourceSample {
  const sockets = ports.map((port) => ({ port, address: '127.0.0.1', family: 4 as const }));
  return { name: 'test', pid: 1, at: 0, cpuPercent: undefined, rssBytes: 0, ports: sockets, processCount: 1, worker: undefined, runsNode: false };
}

const probe = (url: string): Extract<ProbeTarget, { kind: 'http' }> => ({ kind: 'http', url, status: [200, 399] });

describe('which ports look like HTTP (the inline Open in Browser)', () => {
  it('a dev server\'s usual port does; a database\'s or a random one does not', () => {
    const ports = httpPorts(makeSpec(), sampleWith(5432, 5173, 41234));
    assert.deepEqual(ports.map((socket) => socket.port), [5173]);
  });

  it('a port the ready or health probe asks over HTTP does, whatever its number', () => {
    const spec = makeSpec({
      ready: { target: probe('http://127.0.0.1:41234/ready'), intervalMs: 100, timeoutMs: 100, deadlineMs: 1000 },
      health: { target: probe('http://localhost:41300/health'), intervalMs: 100, timeoutMs: 100, failures: 3 },
    });
    assert.deepEqual(httpPorts(spec, sampleWith(41234, 41300, 41500)).map((socket) => socket.port), [41234, 41300]);
  });

  it('a tcp probe says nothing about HTTP', () => {
    const spec = makeSpec({ ready: { target: { kind: 'tcp', host: '127.0.0.1', port: 41234 }, intervalMs: 100, timeoutMs: 100, deadlineMs: 1000 } });
    assert.deepEqual(httpPorts(spec, sampleWith(41234)), []);
  });

  it('the context menu\'s pick lists every port, the HTTP-looking ones first', () => {
    assert.deepEqual(
      browserPorts(makeSpec(), sampleWith(5432, 8080)).map((socket) => [socket.port, socket.http]),
      [
        [8080, true],
        [5432, false],
      ],
    );
  });

  it('the row\'s mark: .web, .ports, or nothing without a reading or a port', () => {
    assert.equal(portMark(makeSpec(), sampleWith(3000, 5432)), '.web');
    assert.equal(portMark(makeSpec(), sampleWith(5432)), '.ports');
    assert.equal(portMark(makeSpec(), sampleWith()), '');
    assert.equal(portMark(makeSpec(), undefined), '');
  });
});
