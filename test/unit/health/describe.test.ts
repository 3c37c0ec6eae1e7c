import * as assert from 'node:assert/strict';
import { logMatcher } from '../../../src/core/health/log';
import { describeProbe } from '../../../src/core/health/probe';

describe('describeProbe and the log matcher', () => {
  it('names each kind as the tree and the lifecycle lines show it', () => {
    assert.deepEqual(
      [
        describeProbe({ kind: 'tcp', host: '127.0.0.1', port: 5432 }),
        describeProbe({ kind: 'tcp', host: '::1', port: 5432 }),
        describeProbe({ kind: 'http', url: 'http://127.0.0.1:4000/health', status: [200, 399] }),
        describeProbe({ kind: 'log', pattern: /ready to accept/ }),
        describeProbe({ kind: 'exec', command: 'pg_isready -h 127.0.0.1' }),
        describeProbe({ kind: 'exec', command: ['pg_isready', '-h', '127.0.0.1'] }),
      ],
      [
        'tcp 127.0.0.1:5432',
        'tcp [::1]:5432',
        'GET http://127.0.0.1:4000/health',
        'log /ready to accept/',
        'exec pg_isready -h 127.0.0.1',
        'exec pg_isready -h 127.0.0.1',
      ],
    );
  });

  it('regression: an exec probe printed the values of its NAME=value words', () => {
    const exec = (command: string | string[]): string => describeProbe({ kind: 'exec', command });
    assert.deepEqual(
      [
        exec("PGPASSWORD=hunter2 sh -c 'exit 0'"),
        exec('A="two words" B=\'x y\'z env C= pg_isready'),
        exec('env TOKEN=abc curl -f http://127.0.0.1/'),
        exec('BROKEN="unclosed value'),
        exec('env -i TOKEN=secret cmd'),
        exec('A=1 env -u X TOKEN=secret cmd'),
        exec('PASS=a\\ b cmd'),
        exec('FOO=bar;cmd'),
        exec('A=`echo s` cmd'),
        exec(['env', '-i', 'TOKEN=secret', 'curl']),
        exec(['PGPASSWORD=hunter2', 'psql']),
      ],
      [
        "exec PGPASSWORD=… sh -c 'exit 0'",
        'exec A=… B=… env C=… pg_isready',
        'exec env TOKEN=… curl -f http://127.0.0.1/',
        'exec BROKEN=…',
        'exec env -i TOKEN=… cmd',
        'exec A=… env -u X TOKEN=… cmd',
        'exec PASS=… cmd',
        'exec FOO=… ;cmd',
        'exec A=… cmd',
        "exec env -i 'TOKEN=…' curl",
        // Not environment: without a shell, the first word is the program.
        'exec PGPASSWORD=hunter2 psql',
      ],
    );
  });

  it('regression: a value ending in a backslash made hiding NAME=value words backtrack for ever', () => {
    // On the old pattern this took about 4 times longer for each "ab" more: hours for this one.
    assert.equal(describeProbe({ kind: 'exec', command: `A=${'ab'.repeat(40)}\\` }), 'exec A=…');
  });

  it('never shows the password of an http URL', () => {
    const target = { kind: 'http', url: 'http://me:secret@127.0.0.1:4000/health', status: [200, 399] } as const;
    assert.equal(describeProbe(target), 'GET http://127.0.0.1:4000/health');
  });

  it('the log matcher reads lines with colour codes removed', () => {
    const matches = logMatcher({ kind: 'log', pattern: /ready to accept/ });
    assert.equal(matches('\u001b[1m\u001b[32mready\u001b[0m to accept connections'), true);
    assert.equal(matches('still recovering'), false);
  });

  it('the log matcher judges every line on its own, even with a g flag', () => {
    const matches = logMatcher({ kind: 'log', pattern: /ready/g });
    assert.deepEqual([matches('ready'), matches('ready'), matches('ready')], [true, true, true]);
  });
});
