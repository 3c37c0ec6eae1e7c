// A stand-in for a build step: "compiles" every file under content/ and stays up.
// Procs reruns it whenever a file under content/ is saved.
const fs = require('node:fs');
const path = require('node:path');

const folder = path.join(__dirname, '..', 'content');
const files = fs.readdirSync(folder).filter((name) => !name.startsWith('.'));
let bytes = 0;
for (const name of files) bytes += fs.statSync(path.join(folder, name)).size;
console.log(`built ${files.length} file(s), ${bytes} bytes (pid ${process.pid})`);
setInterval(() => {}, 1 << 30);
