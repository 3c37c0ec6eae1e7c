import * as assert from 'node:assert/strict';
import { ALL_STATUSES, STATUS_MEANING } from '../../../src/core/process/states';
import { actionsFor, chosenItems, firstMatch } from '../../../src/vscode/actionChoices';

describe('the status bar action list', () => {
  it('regression: in the status bar action list, Start is preselected even for a running process', () => {
    assert.deepEqual(actionsFor('running'), ['restart', 'stop', 'showOutput']);
    assert.deepEqual(actionsFor('starting'), ['restart', 'stop', 'showOutput']);
    assert.deepEqual(actionsFor('stopped'), ['start', 'restart', 'showOutput']);
    assert.deepEqual(actionsFor('failed'), ['start', 'restart', 'showOutput']);
    assert.deepEqual(actionsFor('backoff'), ['start', 'restart', 'stop', 'showOutput']);
    assert.deepEqual(actionsFor('disabled'), ['showOutput']);
  });

  it('offers exactly the actions the status table allows, as the tree does', () => {
    for (const status of ALL_STATUSES) {
      const actions = actionsFor(status);
      const meaning = STATUS_MEANING[status];
      assert.equal(actions.includes('start'), meaning.canStart, `${status}: start`);
      assert.equal(actions.includes('stop'), meaning.canStop, `${status}: stop`);
      assert.equal(actions.includes('restart'), meaning.canRestart, `${status}: restart`);
    }
  });
});

describe('the palette picker', () => {
  const items = [
    { label: '$(layers) All', description: 'every autostart process' },
    { label: '$(layers) backend', description: 'group' },
    { label: '$(pass-filled) server', description: 'running · pid 4711' },
    { label: '$(circle-outline) worker', description: 'stopped' },
  ];

  it('regression: the palette picker fails silently: what is typed highlights the first item that holds it', () => {
    assert.equal(firstMatch(items, 'work'), items[3]);
    assert.equal(firstMatch(items, ' WORK '), items[3], 'case and surrounding spaces do not matter');
    assert.equal(firstMatch(items, 'pid 4711'), items[2], 'the description counts too');
    assert.equal(firstMatch(items, ''), items[0], 'nothing typed: the first item');
    assert.equal(firstMatch(items, 'layers'), undefined, 'icon names are not text');
    assert.equal(firstMatch(items, 'nothing like it'), undefined);
  });

  it('Enter takes the ticked items, or with none ticked the highlighted one, or nothing', () => {
    assert.deepEqual(chosenItems([items[1], items[2]], [items[3]]), [items[1], items[2]]);
    assert.deepEqual(chosenItems([], [items[3]]), [items[3]]);
    assert.deepEqual(chosenItems([], []), []);
  });
});
