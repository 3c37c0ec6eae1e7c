import type { Segment } from 'jsonc-parser';
import schema from '../../../schemas/procs.schema.json';
import { durationLimitProblem } from './durations';
import type { SchemaIssue } from './schemaValidation';

/**
 * Limits JSON schema cannot say for values written with units ("600h" matches the duration
 * pattern but overflows a timer), by schema definition: every field that uses the definition,
 * now or later, is checked without being listed here.
 */
const LIMITS: Record<string, (value: unknown) => string | undefined> = { duration: durationLimitProblem };

/** The parts of the schema the walk follows. Durations never sit under a oneOf, so it does not follow one. */
interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode | SchemaNode[];
  additionalItems?: SchemaNode | boolean;
}

const DEFINITIONS = schema.definitions as Record<string, SchemaNode>;
const REF_PREFIX = '#/definitions/';

/** Every value over its definition's limit. Values of the wrong shape are skipped: the schema reports those. */
export function checkLimits(value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  // Recursion follows the schema, a few levels deep, not the value: a deep unknown key is never entered.
  const walk = (node: SchemaNode, current: unknown, segments: Segment[]): void => {
    if (node.$ref?.startsWith(REF_PREFIX)) {
      const name = node.$ref.slice(REF_PREFIX.length);
      const message = LIMITS[name]?.(current);
      if (message) issues.push({ severity: 'error', segments, target: 'value', message });
      else if (!(name in LIMITS) && DEFINITIONS[name]) walk(DEFINITIONS[name], current, segments);
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        const child = Array.isArray(node.items) ? (node.items[index] ?? node.additionalItems) : node.items;
        if (typeof child === 'object') walk(child, item, [...segments, index]);
      });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const child = node.properties?.[key] ?? node.additionalProperties;
        if (typeof child === 'object') walk(child, item, [...segments, key]);
      }
    }
  };
  walk(schema as SchemaNode, value, []);
  return issues;
}
