import * as assert from 'assert';
import { parseEnvFile } from '../../../src/core/config/envFile';

describe('parseEnvFile', () => {
  it('reads KEY=value, export, comments and empty lines', () => {
    const text = ['# database', '', 'HOST=localhost', 'export PORT = 5432', '  USER=me   # inline comment', 'HASH=a#b', 'EMPTY='].join('\n');
    assert.deepStrictEqual(parseEnvFile(text), {
      values: { HOST: 'localhost', PORT: '5432', USER: 'me', HASH: 'a#b', EMPTY: '' },
      invalidLines: [],
    });
  });

  it('reads quoted values: double quotes with escapes and several lines, single and backtick quotes literally', () => {
    const text = 'A="a \\"quoted\\" # not a comment\\n"\r\nB=\'raw \\n $X\'\nC=`tick`\nKEY="line one\nline two" # after\nD=d';
    assert.deepStrictEqual(parseEnvFile(text).values, {
      A: 'a "quoted" # not a comment\n',
      B: 'raw \\n $X',
      C: 'tick',
      KEY: 'line one\nline two',
      D: 'd',
    });
  });

  it('lets a later line override an earlier one', () => {
    assert.deepStrictEqual(parseEnvFile('X=1\nX=2').values, { X: '2' });
  });

  it('reports malformed lines by number and skips them', () => {
    const result = parseEnvFile('GOOD=1\nnot an assignment\n1BAD=2\nOPEN="never closed\nLAST=ok');
    assert.deepStrictEqual(result.invalidLines, [2, 3, 4]);
    assert.deepStrictEqual(result.values, { GOOD: '1', LAST: 'ok' });
  });
});
