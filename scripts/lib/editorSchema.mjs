// Writes dist/procs.editor.schema.json: the config schema as the editor's JSON support gets it
// (package.json `jsonValidation`). It keeps what completion and hover need (properties,
// descriptions, defaults, the allowed values as suggestions) and drops every constraint, so VS
// Code's JSON language service has nothing to report: Procs reports each schema problem itself,
// once, in its own words and with the severity it acts on. Syntax errors and keys written twice
// are the JSON language service's to report in an open editor (see src/vscode/diagnostics.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_FILE } from './schemaValidator.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const EDITOR_SCHEMA_FILE = path.join(ROOT, 'dist/procs.editor.schema.json');

/** Keywords that describe without constraining; their values are copied as they are. */
const ANNOTATIONS = new Set(['$schema', '$ref', 'title', 'description', 'markdownDescription', 'default', 'examples', 'deprecationMessage']);
/** Keywords whose value is a schema, or a map or list of schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

export function editorSchema(schema) {
  return { ...lenient(schema), allowTrailingCommas: true };
}

function lenient(schema) {
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, lenient(sub)]));
    // Emptied branches would all match, which `oneOf` reports as an error: any of them will do.
    else if (SCHEMA_LISTS.has(key)) out.anyOf = [...(out.anyOf ?? []), ...value.map(lenient)];
    else if ((key === 'additionalProperties' || key === 'items') && typeof value === 'object') out[key] = Array.isArray(value) ? value.map(lenient) : lenient(value);
  }
  // The allowed values stay suggestions, each with its description, without being checked.
  if (Array.isArray(schema.enum)) {
    const descriptions = schema.markdownEnumDescriptions ?? schema.enumDescriptions ?? [];
    out.defaultSnippets = schema.enum.map((value, index) => ({ label: JSON.stringify(value), markdownDescription: descriptions[index], body: value }));
  }
  if (schema.type === 'boolean' && !out.examples) out.examples = [true, false];
  return out;
}

let writtenFrom;

/** Writes the editor schema when the schema's text changed (both bundles run this before each build). */
export function generateEditorSchema() {
  const text = readFileSync(SCHEMA_FILE, 'utf8');
  if (text === writtenFrom) return;
  writtenFrom = text;
  mkdirSync(path.dirname(EDITOR_SCHEMA_FILE), { recursive: true });
  writeFileSync(EDITOR_SCHEMA_FILE, `${JSON.stringify(editorSchema(JSON.parse(text)), null, 2)}\n`);
}
