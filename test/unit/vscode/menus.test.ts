import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_STATUSES, STATUS_MEANING, type StatusMeaning } from '../../../src/core/process/states';

interface MenuEntry {
  command: string;
  when?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { menus: { 'view/item/context': MenuEntry[] } };
};

/** The `viewItem =~ /…/` of a command's row actions, as a RegExp. */
function rowPattern(command: string): RegExp {
  const entry = manifest.contributes.menus['view/item/context'].find((e) => e.command === command);
  const source = /viewItem =~ \/(.+?)\/ /.exec(entry?.when ?? '')?.[1];
  assert.ok(source, `${command} has a viewItem pattern`);
  return new RegExp(source.replace(/\\\\/g, '\\'));
}

describe('the tree menus follow the status table', () => {
  const cases: Array<[string, keyof StatusMeaning]> = [
    ['procs.start', 'canStart'],
    ['procs.stop', 'canStop'],
    ['procs.restart', 'canRestart'],
  ];
  for (const [command, meaning] of cases) {
    it(`${command} is offered exactly where ${meaning}`, () => {
      const pattern = rowPattern(command);
      const offered = ALL_STATUSES.filter((status) => pattern.test(`procs.process.${status}`));
      assert.deepEqual(offered, ALL_STATUSES.filter((status) => STATUS_MEANING[status][meaning]));
    });
  }
});
