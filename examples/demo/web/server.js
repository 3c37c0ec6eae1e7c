// A tiny HTTP server: answers every request with a greeting and logs it.
const http = require('node:http');

const port = Number(process.env.PORT || 3000);
let served = 0;

const server = http.createServer((request, response) => {
  served += 1;
  console.log(`${request.method} ${request.url} (#${served})`);
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.end(`Hello from the Procs demo (pid ${process.pid})\n`);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port} (pid ${process.pid})`);
});

process.on('SIGTERM', () => {
  console.log('shutting down');
  server.close(() => process.exit(0));
});
