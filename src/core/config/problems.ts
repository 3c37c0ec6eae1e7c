import type { Node, Segment } from 'jsonc-parser';
import type { ConfigProblem } from './types';

/** Where in the document a problem points: at a value, or at the key that names it (unknown keys, bad names). */
export type ProblemTarget = 'value' | 'key';

/** `processes.api.backoff[2]`; keys that would read ambiguously in dot form are quoted: `processes["web v2"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z0-9_$:-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The node at a JSON path. Of a key written twice it takes the last, as JSON and getNodeValue do,
 * so names and positions come from the value that is used (jsonc-parser's findNodeAtLocation takes the first).
 */
export function nodeAtPath(root: Node, segments: readonly Segment[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of segments) node = node && childAt(node, segment);
  return node;
}

function childAt(node: Node, segment: Segment): Node | undefined {
  const children = node.children ?? [];
  if (typeof segment === 'number') return node.type === 'array' ? children[segment] : undefined;
  if (node.type !== 'object') return undefined;
  let last: Node | undefined;
  for (const property of children) if (property.children?.[0]?.value === segment) last = property.children[1];
  return last;
}

/** Turns offsets and JSON paths into `ConfigProblem`s with 1-based line and column for one document. */
export class ProblemLocator {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly root: Node | undefined,
  ) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // CRLF counts once: the LF ends the line; a lone CR ends it too.
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  atOffset(severity: ConfigProblem['severity'], offset: number, length: number, path: string, message: string, kind: ConfigProblem['kind'] = 'procs'): ConfigProblem {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    const line = this.lineIndex(clamped);
    return { severity, file: this.file, line: line + 1, column: clamped - this.lineStarts[line] + 1, offset: clamped, length, path, message, kind };
  }

  /**
   * A problem at the node for `segments`, or at the nearest existing ancestor when the node is
   * missing (a required key).
   */
  atPath(severity: ConfigProblem['severity'], segments: readonly Segment[], target: ProblemTarget, message: string): ConfigProblem {
    const path = formatPath(segments);
    const node = this.nodeFor(segments, target);
    return this.atOffset(severity, node?.offset ?? 0, node?.length ?? 0, path, message);
  }

  private nodeFor(segments: readonly Segment[], target: ProblemTarget): Node | undefined {
    if (!this.root) return undefined;
    for (let depth = segments.length; depth >= 0; depth--) {
      const node = nodeAtPath(this.root, segments.slice(0, depth));
      if (!node) continue;
      // Only the exact node can be asked for its key; an ancestor is shown by its key so the mark stays short.
      const wantsKey = target === 'key' || depth < segments.length;
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return wantsKey && key ? key : node;
    }
    return undefined;
  }

  private lineIndex(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
