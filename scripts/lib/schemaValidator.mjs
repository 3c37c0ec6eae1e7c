// Compiles schemas/procs.schema.json into a standalone validator module at build time, so
// neither the CLI nor the extension loads ajv's compiler or compiles the schema at start-up.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCHEMA_FILE = path.join(ROOT, 'schemas/procs.schema.json');
export const VALIDATOR_FILE = path.join(ROOT, 'src/core/config/generated/schemaValidator.ts');

// Both bundles run this before each (re)build: the schema is compiled once per change of its text.
let compiledFrom;

/** Writes the validator only when it changed, so watch mode does not rebuild in a loop. */
export function generateSchemaValidator() {
  const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
  if (schemaText === compiledFrom && existsSync(VALIDATOR_FILE)) return;
  compiledFrom = schemaText;
  const schema = JSON.parse(schemaText);
  // allErrors: report every problem at once; verbose: errors carry the failing schema (see schemaValidation.ts).
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, verbose: true, code: { source: true, esm: true } });
  // Editor-only annotations that VS Code reads; ajv's strict mode would otherwise reject them.
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions']);
  const text = [
    '// @ts-nocheck',
    '// Generated from schemas/procs.schema.json by scripts/lib/schemaValidator.mjs (npm run build). Do not edit.',
    standaloneCode(ajv, ajv.compile(schema)),
    '',
  ].join('\n');
  let previous;
  try {
    previous = readFileSync(VALIDATOR_FILE, 'utf8');
  } catch {
    previous = undefined;
  }
  if (previous === text) return;
  mkdirSync(path.dirname(VALIDATOR_FILE), { recursive: true });
  writeFileSync(VALIDATOR_FILE, text);
}
