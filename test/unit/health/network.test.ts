import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tryProbe, type PolledTarget } from '../../../src/core/health/probe';
import { freePort } from '../helpers/ports';
import { waitFor } from '../helpers/waitFor';
import { FixtureChild } from './fixtureChild';

const options = { cwd: '/', env: {}, timeoutMs: 2000 };
const health = (port: number, status: [number, number] = [200, 399]): PolledTarget => ({
  kind: 'http',
  url: `http://127.0.0.1:${port}/health`,
  status,
});

describe('tcp and http probes (real sockets)', () => {
  afterEach(() => FixtureChild.stopAll());

  it('tcp passes once the port is open', async () => {
    const port = await freePort();
    await new FixtureChild('late-listener.js', [port, 0]).waitForLine(/^listening/);
    assert.deepEqual(await tryProbe({ kind: 'tcp', host: '127.0.0.1', port }, options), { ok: true, detail: `tcp 127.0.0.1:${port} open` });
  });

  it('tcp fails on a closed port, saying it was refused', async () => {
    const port = await freePort();
    assert.deepEqual(await tryProbe({ kind: 'tcp', host: '127.0.0.1', port }, options), { ok: false, detail: `tcp 127.0.0.1:${port} refused` });
  });

  it('http passes on a status within the range and fails outside it', async () => {
    const port = await freePort();
    const server = new FixtureChild('health-server.js', [port]);
    await server.waitForLine(/^ready/);
    assert.deepEqual(await tryProbe(health(port), options), { ok: true, detail: 'GET /health → 200' });
    server.signal('SIGUSR1');
    await server.waitForLine(/^mode 503/);
    assert.deepEqual(await tryProbe(health(port), options), { ok: false, detail: 'GET /health → 503' });
    assert.deepEqual(await tryProbe(health(port, [200, 503]), options), { ok: true, detail: 'GET /health → 503' }, 'inclusive range');
  });

  it('http fails at the timeout when the server accepts but never answers', async () => {
    const port = await freePort();
    const server = new FixtureChild('health-server.js', [port]);
    await server.waitForLine(/^ready/);
    server.signal('SIGUSR2');
    await server.waitForLine(/^mode hang/);
    const before = Date.now();
    assert.deepEqual(await tryProbe(health(port), { ...options, timeoutMs: 300 }), { ok: false, detail: 'GET /health: no answer in 0.3 s' });
    assert.ok(Date.now() - before >= 300, 'waited the timeout');
  });

  it('http fails on a closed port, saying it was refused', async () => {
    const port = await freePort();
    assert.deepEqual(await tryProbe(health(port), options), { ok: false, detail: 'GET /health refused' });
  });

  it('http leaves no socket open, whether answered or timed out', async () => {
    // In-process, so the server's own connections can be counted.
    let open = 0;
    const server = http.createServer((request, response) => {
      if (request.url === '/health') response.end('a body nobody reads');
    });
    server.on('connection', (socket) => {
      open++;
      socket.on('close', () => open--);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (let i = 0; i < 5; i++) assert.equal((await tryProbe(health(port), options)).ok, true);
      const hang: PolledTarget = { kind: 'http', url: `http://127.0.0.1:${port}/hang`, status: [200, 200] };
      assert.equal((await tryProbe(hang, { ...options, timeoutMs: 100 })).detail, 'GET /hang: no answer in 0.1 s');
      await waitFor(() => open === 0, { message: `every connection closed (open: ${open})`, timeoutMs: 2000 });
    } finally {
      server.close();
    }
  });
});
