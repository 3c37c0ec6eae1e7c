import { execFile } from 'child_process';
import * as fs from 'fs';
import { HAS_PROC, listPids } from './procTable';
import { SocketTables } from './socketTables';

// Listening TCP sockets and who holds them. Linux: the kernel's socket tables (/proc/net/tcp, tcp6)
// name each socket by inode, and a process's open files (/proc/<pid>/fd) name the inodes it holds.
// Elsewhere one `lsof` call answers both.

export interface ListeningSocket {
  port: number;
  /** As a person writes it: `127.0.0.1`, `0.0.0.0`, `::`, `::1`. */
  address: string;
  family: 4 | 6;
}

/** The state column of /proc/net/tcp for a listening socket. */
const TCP_LISTEN = '0A';

/** Every listening TCP socket on the machine, by inode (IPv4 and IPv6). */
export function readListening(): Map<number, ListeningSocket> {
  const sockets = new Map<number, ListeningSocket>();
  for (const [file, family] of [['/proc/net/tcp', 4], ['/proc/net/tcp6', 6]] as const) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 in this kernel
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
      const [hexAddress, hexPort] = fields[1].split(':');
      sockets.set(Number(fields[9]), { port: parseInt(hexPort, 16), address: formatAddress(hexAddress), family });
    }
  }
  return sockets;
}

/** The socket inodes a process holds open; empty once it is gone or when its files are not ours to read. */
export function socketInodes(pid: number): number[] {
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const inodes: number[] = [];
  for (const fd of fds) {
    try {
      const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('socket:[')) inodes.push(Number(target.slice(8, -1)));
    } catch {
      // closed while we were looking
    }
  }
  return inodes;
}

/** The sampler's view of the socket tables: read again only when its processes' sockets change. */
const sampledTables = new SocketTables(readListening);

/** Listening sockets of each of these processes that holds any (on Linux, at most one read of the socket tables). */
export async function listeningByPid(pids: readonly number[], tables = sampledTables): Promise<Map<number, ListeningSocket[]>> {
  const byPid = new Map<number, ListeningSocket[]>();
  if (!HAS_PROC) {
    const all = await lsofListening();
    for (const pid of pids) if (all.has(pid)) byPid.set(pid, all.get(pid) ?? []);
    return byPid;
  }
  const held = new Map(pids.map((pid) => [pid, socketInodes(pid)]));
  const listening = tables.lookup(new Set([...held.values()].flat()));
  for (const [pid, inodes] of held) {
    const sockets = inodes.flatMap((inode) => listening.get(inode) ?? []);
    if (sockets.length > 0) byPid.set(pid, sockets);
  }
  return byPid;
}

/**
 * Pids that hold a listening socket on `port`. On Linux a scan of every readable process's open
 * files (milliseconds): it runs only after a port conflict, never while sampling. A holder of
 * another user's is not readable and so not found.
 */
export async function holdersOf(port: number): Promise<number[]> {
  if (!HAS_PROC) return [...(await lsofListening()).entries()].filter(([, sockets]) => sockets.some((s) => s.port === port)).map(([pid]) => pid);
  const inodes = new Set([...readListening()].filter(([, socket]) => socket.port === port).map(([inode]) => inode));
  if (inodes.size === 0) return [];
  return listPids().filter((pid) => socketInodes(pid).some((inode) => inodes.has(inode)));
}

/** True when some socket listens on the port, whoever holds it (another user's included). */
export function isListening(port: number): boolean {
  if (!HAS_PROC) return false;
  return [...readListening().values()].some((socket) => socket.port === port);
}

/** Each port once, lowest first: a server on `0.0.0.0` and `::` is one port to a person. */
export function uniquePorts(sockets: readonly ListeningSocket[]): ListeningSocket[] {
  const byPort = new Map<number, ListeningSocket>();
  for (const socket of sockets) if (!byPort.has(socket.port)) byPort.set(socket.port, socket);
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

/** /proc/net/tcp writes addresses as 32-bit words in host (little-endian) order. */
function formatAddress(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let at = 0; at + 4 <= bytes.length; at += 4) bytes.subarray(at, at + 4).reverse();
  if (bytes.length === 4) return [...bytes].join('.');
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** `lsof -F pn` prints `p<pid>` then `n<address>:<port>` lines for each of its sockets. */
function lsofListening(): Promise<Map<number, ListeningSocket[]>> {
  return new Promise((resolve) => {
    execFile('lsof', ['-nP', '-iTCP', '-sTCP:LISTEN', '-F', 'pn'], (_error, stdout) => {
      const byPid = new Map<number, ListeningSocket[]>();
      let pid = 0;
      for (const line of String(stdout ?? '').split('\n')) {
        if (line.startsWith('p')) pid = Number(line.slice(1));
        const match = /^n(.*):(\d+)$/.exec(line);
        if (!match || !pid) continue;
        const address = match[1].replace(/^\[|\]$/g, '').replace(/^\*$/, '0.0.0.0');
        byPid.set(pid, [...(byPid.get(pid) ?? []), { port: Number(match[2]), address, family: address.includes(':') ? 6 : 4 }]);
      }
      resolve(byPid);
    });
  });
}
