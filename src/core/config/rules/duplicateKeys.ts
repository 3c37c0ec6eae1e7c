import type { Node, Segment } from 'jsonc-parser';
import { formatPath, type ProblemLocator } from '../problems';
import type { ConfigProblem } from '../types';

/**
 * A key written twice in one object is almost always a copy-paste slip, and JSON keeps the last
 * one silently: a warning at the second, in every object of the file. A loop, not recursion,
 * though the nesting is already capped: it costs nothing and cannot overflow.
 */
export function checkDuplicateKeys(tree: Node, locator: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pending: Array<{ node: Node; segments: Segment[] }> = [{ node: tree, segments: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, segments } = next;
    if (node.type === 'array') {
      node.children?.forEach((child, index) => pending.push({ node: child, segments: [...segments, index] }));
      continue;
    }
    if (node.type !== 'object') continue;
    const seen = new Set<string>();
    for (const [key, value] of (node.children ?? []).map((property) => property.children ?? [])) {
      if (!key) continue;
      const name = String(key.value);
      const keySegments = [...segments, name];
      if (seen.has(name)) {
        problems.push(locator.atOffset('warning', key.offset, key.length, formatPath(keySegments), duplicateMessage(keySegments), 'json'));
      }
      seen.add(name);
      if (value) pending.push({ node: value, segments: keySegments });
    }
  }
  return problems;
}

/** A process written twice keeps the words it has always had; any other key gets its own. */
function duplicateMessage(segments: Segment[]): string {
  const isProcess = segments.length === 2 && segments[0] === 'processes';
  const said = isProcess ? 'defined more than once; the last definition is used' : 'written more than once; the last value is used';
  return `${formatPath(segments)}: ${said}`;
}
