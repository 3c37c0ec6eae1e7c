import * as assert from 'node:assert/strict';
import { brief, marks, parse } from './parseHelpers';

describe('"debug" in .procs.json', () => {
  it('true starts the process with the inspector; absent means false', () => {
    const result = parse('{ "processes": { "api": { "command": "node server.js", "debug": true }, "web": { "command": "x" } } }');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.config?.processes.map((spec) => [spec.name, spec.debug]), [['api', true], ['web', false]]);
  });

  it('anything but a boolean is an error at its value', () => {
    const text = ['{', '  "processes": {', '    "api": { "command": "x", "debug": "yes" }', '  }', '}'].join('\n');
    assert.equal(parse(text).config, undefined);
    assert.deepEqual(parse(text).problems.map(brief), [
      { severity: 'error', line: 3, column: 39, path: 'processes.api.debug', message: 'processes.api.debug: must be a boolean' },
    ]);
    assert.deepEqual(marks(text), [['processes.api.debug', 'must be a boolean', '"yes"']]);
  });
});
