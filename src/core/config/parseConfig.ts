import * as path from 'path';
import { getLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { ConfigFiles } from './configFiles';
import { EnvFiles } from './envFileLoader';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { formatPath, nodeAtPath, ProblemLocator } from './problems';
import type { RawConfig } from './rawConfig';
import { envToStrings, resolveProcess } from './resolveProcess';
import { checkDependencies } from './rules/dependencies';
import { checkDuplicateKeys } from './rules/duplicateKeys';
import { checkEnvValues } from './rules/envValues';
import { checkGroupNames, checkReservedNames } from './rules/names';
import { checkPaths } from './rules/paths';
import { checkProbes } from './rules/probes';
import { checkResourceLimits } from './rules/resourceLimits';
import { validateAgainstSchema } from './schemaValidation';
import { syntaxMessage } from './syntaxMessages';
import type { ConfigProblem, ConfigResult, ProcessSpec } from './types';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses and validates the text of a `.procs.json`. Pure apart from `files` (and the inherited PATH
 * a program is looked for on). Stages stop at the first that finds an error, so one mistake does
 * not cascade: nesting depth, syntax (its first error), then the schema with the probe checks it
 * cannot say, then other rules the schema cannot say (names, env values and files, dependencies,
 * paths on disk).
 */
export function parseConfig(text: string, file: string, files: ConfigFiles): ConfigResult {
  const absFile = path.resolve(file);
  const root = path.dirname(absFile);
  // Windows editors write a UTF-8 byte order mark; editors do not count it, so positions are those of the text after it.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(BYTE_ORDER_MARK.length) : text;

  const tooDeep = tooDeepAt(body);
  if (tooDeep !== undefined) {
    const message = `nested more than ${MAX_NESTING} levels deep`;
    return { config: undefined, problems: [new ProblemLocator(body, absFile, undefined).atOffset('error', tooDeep, 1, '', message)] };
  }

  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(body, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  const locator = new ProblemLocator(body, absFile, tree);
  if (syntaxErrors.length > 0 || !tree) {
    // The first only: the parser's recovery from it reports what follows as mistakes of their own
    // (an unclosed string gave ten), each a place that is fine once the first is fixed.
    const problems = syntaxErrors.slice(0, 1).map((e) =>
      locator.atOffset('error', e.offset, e.length, formatPath(getLocation(body, e.offset).path), syntaxMessage(e.error), 'json'),
    );
    return { config: undefined, problems };
  }

  const value: unknown = getNodeValue(tree);
  const problems: ConfigProblem[] = [
    ...checkDuplicateKeys(tree, locator),
    ...validateAgainstSchema(value).map((issue) =>
      locator.atPath(issue.severity, issue.segments, issue.target, `${formatPath(issue.segments) || 'the file'}: ${issue.message}`),
    ),
  ];
  if (hasErrors(problems)) return { config: undefined, problems: sorted(problems) };

  const raw = value as RawConfig;
  // Probes the schema passed may still not compile (a regex) or say two things at once; resolving them would throw.
  problems.push(...checkProbes(raw, locator), ...checkResourceLimits(raw, locator));
  if (hasErrors(problems)) return { config: undefined, problems: sorted(problems) };
  problems.push(...checkReservedNames(raw, locator), ...checkGroupNames(raw, locator), ...checkEnvValues(raw, locator));
  const envFiles = new EnvFiles(root, files, locator, problems);
  const inheritedEnv = { ...envFiles.read(raw.envFile, ['envFile']), ...envToStrings(raw.env) };
  const processes: ProcessSpec[] = namesInFileOrder(tree).map((name) => {
    const process = raw.processes[name];
    return resolveProcess(name, process, root, inheritedEnv, envFiles.read(process.envFile, ['processes', name, 'envFile']));
  });
  problems.push(...checkDependencies(raw, processes, locator), ...checkPaths(raw, processes, root, files, locator));
  return { config: hasErrors(problems) ? undefined : { file: absFile, root, processes }, problems: sorted(problems) };
}

/**
 * Process names as written. Object key order would put integer-like names ("1") first, and file
 * order is the start order. A repeated name counts once, at its first place (the last one's value wins, as in JSON).
 */
function namesInFileOrder(tree: Node): string[] {
  const properties = nodeAtPath(tree, ['processes'])?.children ?? [];
  return [...new Set(properties.map((property) => String(property.children?.[0]?.value)))];
}

function hasErrors(problems: ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function sorted(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.offset - b.offset);
}
