// Bundles the extension and the CLI. strip-ansi is ESM-only, so both entries
// are bundled rather than loaded from node_modules at run time.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { generateSchemaValidator } from './scripts/lib/schemaValidator.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Regenerated before every (re)build: the schema is imported by the bundle, so editing it triggers one.
const schemaValidator = { name: 'schema-validator', setup: (build) => build.onStart(generateSchemaValidator) };

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
  plugins: [schemaValidator],
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
