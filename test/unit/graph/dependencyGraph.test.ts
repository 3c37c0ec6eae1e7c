import * as assert from 'assert';
import { DependencyGraph, type GraphNode } from '../../../src/core/graph/dependencyGraph';
import { makeSpec } from '../helpers/processSpec';

/** `graph('db', 'api:db,cache', 'cache')`: each process in config order, with what it depends on after a colon. */
function graph(...entries: string[]): DependencyGraph {
  const nodes: GraphNode[] = entries.map((entry) => {
    const [name, deps = ''] = entry.split(':');
    return { name, dependsOn: deps.split(',').filter(Boolean).map((dep) => ({ name: dep })) };
  });
  return new DependencyGraph(nodes);
}

describe('DependencyGraph', () => {
  it('starts processes without dependencies in config order', () => {
    assert.deepStrictEqual(graph('c', 'a', 'b').startOrder, ['c', 'a', 'b']);
    assert.deepStrictEqual(graph().startOrder, []);
  });

  it('starts each process after its dependencies, otherwise in config order', () => {
    assert.deepStrictEqual(graph('web:api', 'api:db,cache', 'db', 'cache').startOrder, ['db', 'cache', 'api', 'web']);
    // A process freed by another goes as soon as it is free, before later processes that were free all along.
    assert.deepStrictEqual(graph('a:c', 'b', 'c', 'd').startOrder, ['b', 'c', 'a', 'd']);
    assert.deepStrictEqual(graph('a', 'b:a', 'c:a', 'd:b,c').startOrder, ['a', 'b', 'c', 'd']);
  });

  it('takes ProcessSpecs, and ignores names that are no process', () => {
    const dependsOn = [
      { name: 'db', condition: 'done' as const },
      { name: 'ghost', condition: 'ready' as const },
    ];
    const specs = [makeSpec({ name: 'api', dependsOn }), makeSpec({ name: 'db' })];
    const g = new DependencyGraph(specs);
    assert.deepStrictEqual(g.startOrder, ['db', 'api']);
    assert.deepStrictEqual(g.dependenciesOf('api'), ['db']);
    assert.deepStrictEqual(g.cycles(), []);
  });

  it('gives the transitive dependencies of a process in start order', () => {
    const g = graph('web:api', 'api:db,cache', 'cache:db', 'db', 'docs');
    assert.deepStrictEqual(g.dependenciesOf('web'), ['db', 'cache', 'api']);
    assert.deepStrictEqual(g.dependenciesOf('cache'), ['db']);
    assert.deepStrictEqual(g.dependenciesOf('db'), []);
    assert.deepStrictEqual(g.dependenciesOf('nobody'), []);
  });

  it('gives the transitive dependents of a process in stop order', () => {
    const g = graph('web:api', 'api:db,cache', 'cache:db', 'db', 'docs');
    assert.deepStrictEqual(g.dependentsOf('db'), ['web', 'api', 'cache']);
    assert.deepStrictEqual(g.dependentsOf('api'), ['web']);
    assert.deepStrictEqual(g.dependentsOf('web'), []);
    assert.deepStrictEqual(g.dependentsOf('docs'), []);
  });

  it('orders a set for stopping with dependents first, and for starting with dependencies first', () => {
    const g = graph('web:api', 'api:db', 'db', 'docs');
    assert.deepStrictEqual(g.stopOrderOf(['db', 'docs', 'web', 'api']), ['docs', 'web', 'api', 'db']);
    assert.deepStrictEqual(g.stopOrderOf(new Set(['db', 'web'])), ['web', 'db']);
    assert.deepStrictEqual(g.startOrderOf(['web', 'db', 'api']), ['db', 'api', 'web']);
  });

  it('orders instances by their process name, keeping their own order, and puts unknown names last', () => {
    const g = graph('web:db', 'db');
    const instances = ['db', 'web#1', 'other', 'web#2', 'web#3'].map((id) => ({ id, name: id.split('#')[0] }));
    const ids = (items: typeof instances): string[] => items.map((item) => item.id);
    assert.deepStrictEqual(ids(g.stopOrderOf(instances, (i) => i.name)), ['web#1', 'web#2', 'web#3', 'db', 'other']);
    assert.deepStrictEqual(ids(g.startOrderOf(instances, (i) => i.name)), ['db', 'web#1', 'web#2', 'web#3', 'other']);
  });

  it('finds no cycle in a graph without one', () => {
    assert.deepStrictEqual(graph('a', 'b:a', 'c:a,b').cycles(), []);
  });

  it('finds a cycle as a path that ends where it starts, from its process written first', () => {
    assert.deepStrictEqual(graph('web:api', 'api:worker', 'worker:api').cycles(), [['api', 'worker', 'api']]);
    assert.deepStrictEqual(graph('worker:api', 'api:worker').cycles(), [['worker', 'api', 'worker']]);
  });

  it('finds a process that depends on itself', () => {
    assert.deepStrictEqual(graph('a', 'api:a,api').cycles(), [['api', 'api']]);
  });

  it('gives the shortest way round, and one cycle per knot of processes', () => {
    // a → b → c → d → a and c → a: one knot, reported by its shortest loop from a.
    assert.deepStrictEqual(graph('a:b', 'b:c', 'c:d,a', 'd:a', 'x:y', 'y:x').cycles(), [
      ['a', 'b', 'c', 'a'],
      ['x', 'y', 'x'],
    ]);
  });

  it('puts processes on or behind a cycle last in start order, in config order', () => {
    const g = graph('web:api', 'api:worker', 'db', 'worker:api,db');
    assert.deepStrictEqual(g.startOrder, ['db', 'web', 'api', 'worker']);
    assert.deepStrictEqual(g.cycles(), [['api', 'worker', 'api']]);
  });
});
