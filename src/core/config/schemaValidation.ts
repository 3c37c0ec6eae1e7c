import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Segment } from 'jsonc-parser';
import schema from '../../../schemas/procs.schema.json';
import compiledValidator from './generated/schemaValidator';
import { checkLimits } from './limits';
import type { ProblemTarget } from './problems';

/** A schema violation in plain words, located by JSON path; positions are added by the caller. */
export interface SchemaIssue {
  severity: 'error' | 'warning';
  segments: Segment[];
  target: ProblemTarget;
  message: string;
}

/**
 * Messages for the schema's named definitions. A value that fails one of these gets this sentence
 * instead of ajv's branch-by-branch report ("must be number", "must match pattern", "must match exactly one schema").
 */
const DEFINITION_MESSAGES: Record<string, string> = {
  duration: 'not a duration (use 250ms, 5s, 2m, 1h or milliseconds)',
  size: 'not a size (use 512KB, 10MB, 1GB or bytes)',
  instanceCount: 'must be an integer from 1 to 100',
  nonNegativeInteger: 'must be an integer ≥ 0',
  name: 'not a valid name (use letters, digits, -, _, . and :)',
  groups: 'must be a group name or a list of group names',
  command: 'must be a non-blank string or a non-empty array of strings',
  program: 'must name the program to run; it is blank',
  positiveInteger: 'must be an integer ≥ 1',
  tcpTarget: 'must be a port from 1 to 65535, or "host:port"',
  httpUrl: 'must be an http:// or https:// URL',
  statusRange: 'must be [low, high]: two HTTP status codes',
  statusCode: 'must be an HTTP status code from 100 to 599',
  logPattern: 'must be a regular expression; it is empty',
  glob: 'must be a glob: not empty, and at most 65536 characters',
  dependencies: 'must be a list of process names, or an object of names and "ready", "started" or "done"',
};

/**
 * Which definition a failing keyword sits in, found by content: `verbose` makes ajv hand back the
 * failing schema (a copy embedded in the compiled validator), while its `schemaPath` is relative to
 * wherever ajv happened to inline the $ref.
 */
const DEFINITION_NAMES = new Map(Object.entries(schema.definitions).map(([name, definition]) => [JSON.stringify(definition), name]));

/** Compiled at build time (scripts/lib/schemaValidator.mjs): start-up neither loads ajv nor compiles. */
const validate = compiledValidator as unknown as ValidateFunction;

/** What the schema says of the value, and the limits it cannot express (see limits.ts). */
export function validateAgainstSchema(value: unknown): SchemaIssue[] {
  return [...schemaIssues(value), ...checkLimits(value)];
}

function schemaIssues(value: unknown): SchemaIssue[] {
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  const issues: SchemaIssue[] = [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const segments = toSegments(error.instancePath, value);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      issues.push({ severity: 'warning', segments: [...segments, key], target: 'key', message: 'unknown key' });
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      issues.push({ severity: 'error', segments: [...segments, key], target: 'value', message: 'is required' });
    } else if (error.keyword === 'propertyNames') {
      const key = String(error.params.propertyName);
      issues.push({ severity: 'error', segments: [...segments, key], target: 'key', message: DEFINITION_MESSAGES.name });
    } else {
      byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
    }
  }
  for (const [instancePath, group] of byPath) {
    // A failed name pattern under `propertyNames` carries no key; it was reported above with its key.
    if (errors.some((e) => e.keyword === 'propertyNames' && e.instancePath === instancePath)) continue;
    // The value had the shape of one branch (an array) and something inside it is wrong: report only the inner problem.
    const hasDeeper = [...byPath.keys()].some((other) => other.startsWith(`${instancePath}/`));
    if (hasDeeper && group.some((e) => e.keyword === 'oneOf')) continue;
    issues.push({ severity: 'error', segments: toSegments(instancePath, value), target: 'value', message: describe(group) });
  }
  return issues;
}

/** One sentence for all the errors ajv reported at one place. */
function describe(group: ErrorObject[]): string {
  // The oneOf error belongs to the outer definition (groups), its branches to inner ones (name): the outer one describes the value.
  const outerFirst = [...group].sort((a, b) => Number(b.keyword === 'oneOf') - Number(a.keyword === 'oneOf'));
  for (const error of outerFirst) {
    const definition = DEFINITION_NAMES.get(JSON.stringify(error.parentSchema));
    if (definition && definition in DEFINITION_MESSAGES) return DEFINITION_MESSAGES[definition];
  }
  const first = group[0];
  switch (first.keyword) {
    case 'enum':
      return `must be one of ${(first.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `must be ${String(first.params.type).split(',').map(article).join(' or ')}`;
    case 'minimum':
      return `must be ≥ ${String(first.params.limit)}`;
    case 'minLength':
    case 'minItems':
      return 'must not be empty';
    default:
      return first.message ?? 'is not valid';
  }
}

function article(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * `/processes/api/backoff/2` → ['processes', 'api', 'backoff', 2]. Walks the value so that only
 * array indexes become numbers: a process may well be named "1".
 */
function toSegments(pointer: string, root: unknown): Segment[] {
  if (pointer === '') return [];
  const segments: Segment[] = [];
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(current) ? Number(part) : part;
    segments.push(segment);
    current = (current as Record<string | number, unknown> | undefined)?.[segment];
  }
  return segments;
}
