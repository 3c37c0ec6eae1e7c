import * as assert from 'node:assert/strict';
import { findInspector, INSPECT_OPTION, withInspector } from '../../../src/core/debug/inspector';
import { InspectorWatch } from '../../../src/core/debug/inspectorWatch';
import { FakeClock } from '../helpers/fakeClock';

describe('the inspector: its option, its line, the wait for it', () => {
  it('reads Node\'s line, IPv4 and IPv6, and nothing else', () => {
    assert.deepEqual(findInspector('Debugger listening on ws://127.0.0.1:43121/8f0c6e2e-1f9a-4c1e-9a55-0d0b1d3c8a11'), {
      url: 'ws://127.0.0.1:43121/8f0c6e2e-1f9a-4c1e-9a55-0d0b1d3c8a11',
      host: '127.0.0.1',
      port: 43121,
    });
    assert.deepEqual(findInspector('Debugger listening on ws://[::1]:9229/abc'), { url: 'ws://[::1]:9229/abc', host: '::1', port: 9229 });
    assert.equal(findInspector('For help, see: https://nodejs.org/en/docs/inspector'), undefined);
    assert.equal(findInspector('Debugger listening on nothing'), undefined);
  });

  it('appends the option to NODE_OPTIONS, and leaves the environment it was given alone', () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=256 ', PATH: '/bin' };
    assert.equal(withInspector(env).NODE_OPTIONS, `--max-old-space-size=256 ${INSPECT_OPTION}`);
    assert.equal(env.NODE_OPTIONS, '--max-old-space-size=256 ');
    assert.equal(withInspector({ PATH: '/bin' }).NODE_OPTIONS, INSPECT_OPTION);
  });

  it('says the inspector is missing once the wait is over, not before, and not after one was announced', () => {
    const clock = new FakeClock();
    let changes = 0;
    const silent = new InspectorWatch(clock, () => changes++, 10_000);
    const announced = new InspectorWatch(clock, () => changes++, 10_000);
    announced.line('Debugger listening on ws://127.0.0.1:40000/x');
    clock.advance(9_999);
    assert.equal(silent.missing, undefined);
    clock.advance(1);
    assert.match(silent.missing ?? '', /no "Debugger listening on ws:\/\/…" line within 10 s/);
    assert.equal(announced.missing, undefined);
    assert.deepEqual(announced.inspectors.map((inspector) => inspector.port), [40000]);
    assert.equal(changes, 2);
  });

  it('keeps every inspector a run announces (a wrapper opens one of its own first)', () => {
    const watch = new InspectorWatch(new FakeClock(), () => undefined);
    watch.line('Debugger listening on ws://127.0.0.1:40001/npm');
    watch.line('Debugger listening on ws://127.0.0.1:40002/server');
    assert.deepEqual(watch.inspectors.map((inspector) => inspector.port), [40001, 40002]);
  });
});
