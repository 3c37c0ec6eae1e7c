import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { tryProbe } from '../../../src/core/health/probe';

const options = { cwd: '/', env: {}, timeoutMs: 2000 };

/** A loopback server that answers every connection with `reply` (or closes it) and ends it. */
async function server(reply: string | undefined): Promise<{ port: number; close(): void }> {
  const s = net.createServer((socket) => {
    socket.once('data', () => (reply === undefined ? socket.end() : socket.end(reply)));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { port: (s.address() as net.AddressInfo).port, close: () => s.close() };
}

// The http probe reads only the status line over a bare socket: what else a server may send matters.
describe('http probe answers', () => {
  const probe = (port: number) => tryProbe({ kind: 'http', url: `http://127.0.0.1:${port}/health?x=1`, status: [200, 399] }, options);

  it('reads the status of an HTTP/1.0 answer, and passes a redirect within the range', async () => {
    const s = await server('HTTP/1.0 302 Found\r\nLocation: /\r\n\r\n');
    assert.deepEqual(await probe(s.port), { ok: true, detail: 'GET /health?x=1 → 302' });
    s.close();
  });

  it('fails on an answer that is not HTTP', async () => {
    const s = await server('SSH-2.0-OpenSSH\r\n');
    assert.deepEqual(await probe(s.port), { ok: false, detail: 'GET /health?x=1: not an HTTP answer' });
    s.close();
  });

  it('fails on a server that closes without answering', async () => {
    const s = await server(undefined);
    assert.deepEqual(await probe(s.port), { ok: false, detail: 'GET /health?x=1: closed without an answer' });
    s.close();
  });

  it('reads a status line that arrives in pieces', async () => {
    const s = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 2');
        setTimeout(() => socket.end('04 No Content\r\n\r\n'), 20);
      });
    });
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    assert.deepEqual(await probe((s.address() as net.AddressInfo).port), { ok: true, detail: 'GET /health?x=1 → 204' });
    s.close();
  });
});
