import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { listeningByPid, readListening, type ListeningSocket } from '../../../src/core/system/ports';
import { FULL_READ_EVERY, SocketTables } from '../../../src/core/system/socketTables';

/** Socket tables as a test sets them, and how often they were read. */
function tables(): { listen(inode: number, port: number): void; reads: () => number; cache: SocketTables } {
  const listening = new Map<number, ListeningSocket>();
  let reads = 0;
  return {
    listen: (inode, port) => listening.set(inode, { port, address: '127.0.0.1', family: 4 }),
    reads: () => reads,
    cache: new SocketTables(() => (reads++, new Map(listening))),
  };
}

describe('socket tables, read only when the answer may have changed', () => {
  it('reads once for the same sockets, then again every few lookups', () => {
    const { listen, reads, cache } = tables();
    listen(7, 3000);
    for (let i = 0; i < FULL_READ_EVERY; i++) assert.equal(cache.lookup(new Set([7, 8])).get(7)?.port, 3000);
    assert.equal(reads(), 1);
    cache.lookup(new Set([7, 8]));
    assert.equal(reads(), 2, 'the periodic read');
  });

  it('reads at once when a process holds a socket it did not hold at the last read', () => {
    const { listen, reads, cache } = tables();
    listen(7, 3000);
    cache.lookup(new Set([7]));
    listen(9, 9229);
    assert.equal(cache.lookup(new Set([7, 9])).get(9)?.port, 9229);
    assert.equal(reads(), 2);
  });

  it('sees a socket that started listening after the read that first saw it, by the periodic read', () => {
    const { listen, cache } = tables();
    cache.lookup(new Set([7]));
    listen(7, 3000);
    let lookups = 1;
    for (; lookups < FULL_READ_EVERY; lookups++) assert.equal(cache.lookup(new Set([7])).get(7), undefined);
    assert.equal(cache.lookup(new Set([7])).get(7)?.port, 3000, `lookup ${lookups + 1}, the periodic read`);
  });

  it('reads nothing for processes that hold no socket', () => {
    const { reads, cache } = tables();
    for (let i = 0; i < 2 * FULL_READ_EVERY; i++) assert.equal(cache.lookup(new Set()).size, 0);
    assert.equal(reads(), 0);
  });

  it('two callers with sockets of their own do not make every lookup a read', () => {
    const { reads, cache } = tables();
    for (let i = 0; i < FULL_READ_EVERY; i++) {
      cache.lookup(new Set([1, 2]));
      cache.lookup(new Set([3]));
    }
    assert.equal(reads(), 3, 'the first of each, then the periodic one');
  });
});

describe('listening ports of a real server', function () {
  let server: ChildProcessWithoutNullStreams | undefined;
  afterEach(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await once(server, 'exit');
    }
  });

  it('finds a port the server opens while its other sockets stay as they were', async () => {
    // Listens on a port at once, and on another each time a line comes on stdin; prints each port.
    const script =
      "const net = require('net'); const open = () => { const s = net.createServer().listen(0, '127.0.0.1', () => console.log(s.address().port)); };" +
      "open(); process.stdin.on('data', open);";
    server = spawn(process.execPath, ['-e', script]);
    const ports = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
    const pid = server.pid as number;
    let reads = 0;
    const tables = new SocketTables(() => (reads++, readListening()));
    const portsOf = async () => ((await listeningByPid([pid], tables)).get(pid) ?? []).map((socket) => socket.port).sort((a, b) => a - b);

    const first = Number((await ports.next()).value);
    assert.deepEqual(await portsOf(), [first]);
    assert.deepEqual(await portsOf(), [first], 'again, from the same reading');
    assert.equal(reads, 1);
    server.stdin.write('\n');
    const second = Number((await ports.next()).value);
    assert.deepEqual(await portsOf(), [first, second].sort((a, b) => a - b), 'the new port, on the next lookup');
    assert.equal(reads, 2, 'read again for the new socket, before the periodic read was due');
  });
});
