// A stand-in for a database: it "recovers" for a few seconds before it accepts connections,
// like a real one after an unclean stop. Procs counts it as ready once its port answers, and
// starts web (which needs it) only then.
const net = require('node:net');

const port = Number(process.env.DB_PORT || 5433);
const recoveryMs = Number(process.env.DB_RECOVERY_MS || 4000);

console.log(`recovering (${recoveryMs} ms)…`);
const server = net.createServer((socket) => {
  // A readiness probe connects and hangs up at once: a reset is no reason to crash.
  socket.on('error', () => undefined);
  socket.end();
});
setTimeout(() => {
  server.listen(port, '127.0.0.1', () => console.log(`accepting connections on 127.0.0.1:${port} (pid ${process.pid})`));
}, recoveryMs);

process.on('SIGTERM', () => {
  console.log('shutting down');
  server.close(() => process.exit(0));
});
