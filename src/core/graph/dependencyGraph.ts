/**
 * Who waits for whom, from `dependsOn`: pure, built once per config. Names are process names as
 * in the config; a process with instances is one node, and the supervisor maps it onto all of
 * its instances (a dependency on `web` waits for every `web#n`).
 */

/** What the graph needs of a process; a ProcessSpec is one. */
export interface GraphNode {
  readonly name: string;
  readonly dependsOn: ReadonlyArray<{ readonly name: string }>;
}

export class DependencyGraph {
  /**
   * Every process once, each after everything it depends on. Among processes free to go, the one
   * written first goes first, so a config without dependencies starts in the order written. Processes
   * on a cycle, and those waiting on one, cannot be ordered: they come last, in config order.
   */
  readonly startOrder: readonly string[];
  private readonly names: readonly string[];
  /** Direct edges, both ways, with names that are not processes left out and repeats counted once. */
  private readonly dependencies = new Map<string, string[]>();
  private readonly dependents = new Map<string, string[]>();
  private readonly rank = new Map<string, number>();
  /** The tail of startOrder that could not be ordered: processes on a cycle or waiting on one. */
  private readonly blocked: ReadonlySet<string>;

  /** `nodes` in config order, with unique names (parseConfig guarantees both). */
  constructor(nodes: readonly GraphNode[]) {
    this.names = nodes.map((node) => node.name);
    for (const name of this.names) this.dependents.set(name, []);
    for (const node of nodes) {
      const known = [...new Set(node.dependsOn.map((d) => d.name))].filter((name) => this.dependents.has(name));
      this.dependencies.set(node.name, known);
      for (const dependency of known) this.dependents.get(dependency)?.push(node.name);
    }
    const ordered = this.topologicalOrder();
    const placed = new Set(ordered);
    this.blocked = new Set(this.names.filter((name) => !placed.has(name)));
    this.startOrder = [...ordered, ...this.blocked];
    this.startOrder.forEach((name, index) => this.rank.set(name, index));
  }

  /** Everything `name` waits for, directly or through others, in start order; empty for an unknown name. */
  dependenciesOf(name: string): string[] {
    const reached = this.reach(name, this.dependencies);
    return this.startOrder.filter((other) => other !== name && reached.has(other));
  }

  /** Everything that waits for `name`, directly or through others, in stop order: a dependent before what it depends on. */
  dependentsOf(name: string): string[] {
    const reached = this.reach(name, this.dependents);
    return this.startOrder.filter((other) => other !== name && reached.has(other)).reverse();
  }

  /** `items` sorted into start order by their process name; items of one process (its instances) keep their order. Unknown names come last. */
  startOrderOf(names: Iterable<string>): string[];
  startOrderOf<T>(items: Iterable<T>, nameOf: (item: T) => string): T[];
  startOrderOf<T>(items: Iterable<T>, nameOf: (item: T) => string = String): T[] {
    return this.sortBy(items, nameOf, (rank) => rank);
  }

  /** `items` sorted into stop order, the reverse of start order: dependents stop before their dependencies. Unknown names come last. */
  stopOrderOf(names: Iterable<string>): string[];
  stopOrderOf<T>(items: Iterable<T>, nameOf: (item: T) => string): T[];
  stopOrderOf<T>(items: Iterable<T>, nameOf: (item: T) => string = String): T[] {
    return this.sortBy(items, nameOf, (rank) => this.startOrder.length - 1 - rank);
  }

  /**
   * One cycle per knot of processes that wait on each other, as a path that ends where it starts
   * (`['api', 'worker', 'api']`; `['api', 'api']` for a process that depends on itself). Each starts at
   * the knot's process written first and is a shortest way round, so the report is stable across
   * edits elsewhere. Two loops through one knot are one report: breaking it shows the other.
   */
  cycles(): string[][] {
    const covered = new Set<string>();
    const found: string[][] = [];
    for (const name of this.blocked) {
      if (covered.has(name)) continue;
      const path = this.shortestPathBack(name);
      if (!path) continue;
      found.push(path);
      const upstream = this.reach(name, this.dependents);
      for (const member of this.reach(name, this.dependencies)) if (upstream.has(member)) covered.add(member);
    }
    return found;
  }

  /** Kahn's algorithm, always taking the free process written first; what sits on or behind a cycle is left out. */
  private topologicalOrder(): string[] {
    const index = new Map(this.names.map((name, i) => [name, i]));
    const unmet = new Map(this.names.map((name) => [name, this.dependencies.get(name)?.length ?? 0]));
    const free = this.names.map((_, i) => i).filter((i) => unmet.get(this.names[i]) === 0);
    const order: string[] = [];
    for (let next = free.shift(); next !== undefined; next = free.shift()) {
      const name = this.names[next];
      order.push(name);
      for (const dependent of this.dependents.get(name) ?? []) {
        const left = (unmet.get(dependent) ?? 0) - 1;
        unmet.set(dependent, left);
        if (left !== 0) continue;
        const at = index.get(dependent) ?? 0;
        const position = free.findIndex((i) => i > at);
        free.splice(position === -1 ? free.length : position, 0, at);
      }
    }
    return order;
  }

  /** Every process reachable from `start` along `edges`; `start` itself only if a path leads back to it. */
  private reach(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
    const seen = new Set<string>();
    const pending = [...(edges.get(start) ?? [])];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (seen.has(name)) continue;
      seen.add(name);
      pending.push(...(edges.get(name) ?? []));
    }
    return seen;
  }

  /** Breadth first along dependencies, each process's in the order written: the shortest way from `start` back to it. */
  private shortestPathBack(start: string): string[] | undefined {
    const cameFrom = new Map<string, string>();
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const name = queue[head];
      for (const dependency of this.dependencies.get(name) ?? []) {
        if (dependency === start) return [...this.pathTo(name, start, cameFrom), start];
        if (cameFrom.has(dependency)) continue;
        cameFrom.set(dependency, name);
        queue.push(dependency);
      }
    }
    return undefined;
  }

  private pathTo(name: string, start: string, cameFrom: ReadonlyMap<string, string>): string[] {
    const path = [name];
    for (let at = name; at !== start; ) {
      at = cameFrom.get(at) ?? start;
      path.unshift(at);
    }
    return path;
  }

  private sortBy<T>(items: Iterable<T>, nameOf: (item: T) => string, key: (rank: number) => number): T[] {
    const keyOf = (item: T): number => {
      const rank = this.rank.get(nameOf(item));
      return rank === undefined ? this.startOrder.length : key(rank);
    };
    // Array.prototype.sort is stable, so instances of one process and unknown names keep their order.
    return [...items].sort((a, b) => keyOf(a) - keyOf(b));
  }
}
