import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_STATUSES, STATUS_MEANING, type StatusMeaning } from '../../../src/core/process/states';
import { PICKING_COMMANDS, rowTwin } from '../../../src/vscode/rowCommands';
import { ROW_MARKS } from '../../../src/vscode/rowContext';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

interface Command {
  command: string;
  title: string;
  icon?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { commands: Command[]; menus: { 'view/item/context': MenuEntry[]; commandPalette: MenuEntry[] } };
};

const rowEntries = (command: string): MenuEntry[] => manifest.contributes.menus['view/item/context'].filter((e) => e.command === command);
const isInline = (entry: MenuEntry): boolean => entry.group?.startsWith('inline') ?? false;

/** The `viewItem =~ /…/` of a row entry, as a RegExp. */
function rowPattern(entry: MenuEntry): RegExp {
  const source = /viewItem =~ \/(.+?)\/(?: |$)/.exec(entry.when ?? '')?.[1];
  assert.ok(source, `${entry.command} (${entry.group}) has a viewItem pattern`);
  return new RegExp(source.replace(/\\\\/g, '\\'));
}

const LIFECYCLE: Array<[string, keyof StatusMeaning]> = [
  ['procs.startItem', 'canStart'],
  ['procs.stopItem', 'canStop'],
  ['procs.restartItem', 'canRestart'],
];

describe('the tree menus follow the status table', () => {
  for (const [command, meaning] of LIFECYCLE) {
    it(`${command} is offered exactly where ${meaning}, inline and in the context menu alike`, () => {
      const entries = rowEntries(command);
      assert.ok(entries.length > 0, `${command} has row entries`);
      for (const entry of entries) {
        // A row with ports, Node or debugging carries marks after its status (`procs.process.running.web.node`): the same actions apply.
        for (const mark of ROW_MARKS) {
          const offered = ALL_STATUSES.filter((status) => rowPattern(entry).test(`procs.process.${status}${mark}`));
          assert.deepEqual(offered, ALL_STATUSES.filter((status) => STATUS_MEANING[status][meaning]), `${command} in ${entry.group}, mark "${mark}"`);
        }
      }
    });
  }

  /** The statuses and marks a row entry is offered on, as `status+mark` rows. */
  const offeredOn = (entry: MenuEntry): string[] => ALL_STATUSES.flatMap((status) => ROW_MARKS.map((mark) => `procs.process.${status}${mark}`)).filter((row) => rowPattern(entry).test(row));
  const rowsOf = (statuses: readonly string[], keep: (mark: string) => boolean): string[] => statuses.flatMap((status) => ROW_MARKS.filter(keep).map((mark) => `procs.process.${status}${mark}`));

  it('every row pattern that names statuses treats a row with marks like one without (but Debug inline needs Node)', () => {
    const named = manifest.contributes.menus['view/item/context'].filter((entry) => entry.when?.includes('viewItem =~ /^procs\\.process\\.('));
    assert.ok(named.length >= 8, `${named.length} entries name statuses`);
    for (const entry of named.filter((e) => !(e.command === 'procs.debugItem' && isInline(e)))) {
      for (const status of ALL_STATUSES) {
        const plain = rowPattern(entry).test(`procs.process.${status}`);
        for (const mark of ROW_MARKS) assert.equal(rowPattern(entry).test(`procs.process.${status}${mark}`), plain, `${entry.command} (${entry.group}) on ${status}${mark}`);
      }
    }
  });

  it('regression: the inline Debug showed on every running row; it is on starting and running rows whose tree runs Node', () => {
    const [inline, ...others] = rowEntries('procs.debugItem').filter(isInline);
    assert.deepEqual(others, []);
    assert.deepEqual(offeredOn(inline), rowsOf(['starting', 'running'], (mark) => mark.includes('.node')));
  });

  it('regression: Stop Debugging showed on every row while any debug session ran; it is on the rows being debugged, in any status', () => {
    const [entry, ...others] = rowEntries('procs.stopDebuggingItem');
    assert.deepEqual(others, []);
    assert.ok(!entry.when?.includes('inDebugMode'), 'not keyed on some other session being on');
    assert.deepEqual(offeredOn(entry), rowsOf(ALL_STATUSES, (mark) => mark.endsWith('.debugging')));
  });

  it('Open in Browser is inline on a running row with an HTTP-looking port; the context menu lists ports wherever a running row has any', () => {
    const [inline, ...otherInline] = rowEntries('procs.openInBrowserItem');
    assert.deepEqual(otherInline, [], 'one entry, the inline button');
    assert.ok(isInline(inline));
    const [perPort, ...otherPerPort] = rowEntries('procs.openPortInBrowser');
    assert.deepEqual(otherPerPort, [], 'one entry, in the context menu');
    assert.ok(!isInline(perPort));
    assert.deepEqual(offeredOn(inline), rowsOf(['running'], (mark) => mark.startsWith('.web')));
    assert.deepEqual(offeredOn(perPort), rowsOf(['running'], (mark) => mark.startsWith('.web') || mark.startsWith('.ports')));
  });

  it('regression: a process with several ports had one Open in Browser and a pick; each port row now has its own, inline where it looks like HTTP', () => {
    const entries = rowEntries('procs.openPortItem');
    const [inline, ...otherInline] = entries.filter(isInline);
    const [context, ...otherContext] = entries.filter((entry) => !isInline(entry));
    assert.deepEqual([otherInline, otherContext], [[], []]);
    const rows = ['procs.port.web', 'procs.port', ...ALL_STATUSES.flatMap((status) => ROW_MARKS.map((mark) => `procs.process.${status}${mark}`))];
    assert.deepEqual(rows.filter((row) => rowPattern(inline).test(row)), ['procs.port.web']);
    assert.deepEqual(rows.filter((row) => rowPattern(context).test(row)), ['procs.port.web', 'procs.port']);
  });

  it('regression: rows have no Start, Stop, Restart in the context menu (only inline buttons, out of reach of the keyboard)', () => {
    for (const [command] of LIFECYCLE) {
      const entries = rowEntries(command);
      assert.ok(entries.some(isInline), `${command} has an inline button`);
      assert.ok(entries.some((entry) => !isInline(entry)), `${command} is in the context menu (Shift+F10)`);
    }
  });

  it('puts Start, Restart, Stop first in the context menu, in that order, so the likely one leads', () => {
    const contextGroup = (command: string) => rowEntries(command).find((entry) => !isInline(entry))?.group ?? '';
    const groups = ['procs.startItem', 'procs.restartItem', 'procs.stopItem'].map(contextGroup);
    assert.deepEqual(groups, [...groups].sort(), `${groups.join(', ')}`);
    const others = manifest.contributes.menus['view/item/context'].filter((e) => !isInline(e) && !LIFECYCLE.some(([c]) => c === e.command));
    assert.ok(others.every((entry) => (entry.group ?? '') > groups[2]), 'every other row action comes after them');
  });
});

describe('command titles: "…" where a pick follows', () => {
  const command = (id: string): Command => {
    const found = manifest.contributes.commands.find((entry) => entry.command === id);
    assert.ok(found, `${id} is contributed`);
    return found;
  };
  const hiddenFromPalette = (id: string): boolean => manifest.contributes.menus.commandPalette.some((entry) => entry.command === id && entry.when === 'false');
  // On a row, only this one goes on to a pick (of the row's ports).
  const ROW_PICKS = ['procs.openPortInBrowser'];

  for (const picking of PICKING_COMMANDS) {
    it(`${picking} asks which process ("…") in the palette; its row twin is the same action without "…", on rows only`, () => {
      const twin = command(rowTwin(picking));
      assert.equal(command(picking).title, `${twin.title}…`);
      assert.equal(twin.icon, command(picking).icon);
      assert.ok(hiddenFromPalette(twin.command), `${twin.command} is hidden from the palette`);
      assert.ok(!hiddenFromPalette(picking), `${picking} is in the palette`);
      assert.ok(rowEntries(twin.command).length > 0, `${twin.command} is in the rows' menus`);
      assert.deepEqual(rowEntries(picking), [], `${picking} is not in the rows' menus: its twin is`);
    });
  }

  it('regression: row actions read "Start…", "Stop…", "Debug…" though no pick follows on a row', () => {
    for (const entry of manifest.contributes.menus['view/item/context']) {
      const { title } = command(entry.command);
      assert.equal(title.endsWith('…'), ROW_PICKS.includes(entry.command), `${entry.command} (${entry.group}): "${title}"`);
    }
  });
});
