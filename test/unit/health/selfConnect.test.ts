import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { connectedToItself } from '../../../src/core/health/attempt';
import { freePort } from '../helpers/ports';

describe('tcp self-connect', () => {
  it('regression: a socket that connected to itself (no server on the port) is told apart from a real connection', async () => {
    const port = await freePort();
    // Binding the local side to the closed port forces what Linux does by chance to a port in its
    // ephemeral range: a simultaneous open with itself.
    const self = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1', localPort: port });
    await new Promise<void>((resolve, reject) => {
      self.once('connect', resolve);
      self.once('error', reject);
    });
    assert.equal(connectedToItself(self, port), true);
    self.destroy();

    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const real = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => real.once('connect', resolve));
    assert.equal(connectedToItself(real, port), false);
    real.destroy();
    server.close();
  });
});
