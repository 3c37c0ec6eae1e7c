// A tiny HTTP server: answers every request with a greeting and logs it. It needs the database
// at start-up, so it runs only once db accepts connections (`dependsOn` in .procs.json).
const http = require('node:http');
const net = require('node:net');

const port = Number(process.env.PORT || 3000);
const dbPort = Number(process.env.DB_PORT || 5433);
let served = 0;

const server = http.createServer((request, response) => {
  served += 1;
  if (request.url !== '/health') console.log(`${request.method} ${request.url} (#${served})`);
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.end(`Hello from the Procs demo (pid ${process.pid})\n`);
});

const db = net.connect(dbPort, '127.0.0.1', () => {
  console.log(`connected to db on 127.0.0.1:${dbPort}`);
  db.end();
  server.listen(port, '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${port} (pid ${process.pid})`);
  });
});
db.on('error', (error) => {
  console.error(`cannot reach db on 127.0.0.1:${dbPort}: ${error.code}`);
  process.exit(1);
});

process.on('SIGTERM', () => {
  console.log('shutting down');
  server.close(() => process.exit(0));
});
