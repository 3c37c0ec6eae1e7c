import * as v8 from 'v8';

// V8 schedules its "memory reducer" (two full collections 8 s later) the first time the old
// generation grows before any full collection has run, which the engine's start-up always does.
// For a supervisor that then sits idle for hours that is 30–40 ms of CPU while nothing happens;
// the price is the few MB it would have handed back until the next ordinary collection.
// Imported first by main.ts, so it is set before the start-up grows the heap.
v8.setFlagsFromString('--no-memory-reducer-for-small-heaps');
