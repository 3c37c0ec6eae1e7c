// A worker that processes a "job" a second and crashes now and then,
// to show the supervisor's restart backoff.
let job = 0;

setInterval(() => {
  job += 1;
  console.log(`processed job ${job}`);
  if (Math.random() < 0.15) {
    console.error(`job ${job + 1} failed: simulated crash`);
    process.exit(1);
  }
}, 1000);
