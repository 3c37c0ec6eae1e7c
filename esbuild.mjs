// Bundles the extension and the CLI. strip-ansi is ESM-only, so both entries
// are bundled rather than loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { generateEditorSchema } from './scripts/lib/editorSchema.mjs';
import { generateSchemaValidator } from './scripts/lib/schemaValidator.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Regenerated before every (re)build: the schema is imported by the bundle, so editing it triggers one.
// The editor's copy of the schema (no constraints: Procs reports those) is written beside the bundle.
const schemaValidator = {
  name: 'schema-validator',
  setup: (build) =>
    build.onStart(() => {
      generateSchemaValidator();
      generateEditorSchema();
    }),
};

// V8 keeps a script's source for as long as it runs, and a single non-ASCII character makes the
// whole source UTF-16: twice the memory (0.5 MB more for an idle `procs up`). esbuild escapes
// strings but keeps some comments (a class member's /** */) as written, so the build names them.
const asciiOnly = {
  name: 'ascii-only',
  setup: (build) =>
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      const file = build.initialOptions.outfile;
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = lines.findIndex((line) => /[^\x00-\x7f]/.test(line));
      if (at !== -1) throw new Error(`${file}:${at + 1} is not ASCII (write it in ASCII in the source): ${lines[at].trim()}`);
    }),
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // jsonc-parser's UMD build loads its parts with a dynamic require that a bundle cannot follow.
  mainFields: ['module', 'main'],
  plugins: [schemaValidator, asciiOnly],
};

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { PROCS_VERSION: JSON.stringify(version) } },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
