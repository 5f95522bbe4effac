#!/usr/bin/env node
// The `cvt-whatsapp` command. It runs the CLI bundle (dist/cli, built by `npm ci` through `prepare`, or by
// `npm run build -- --target cli`) when there is one, else the TypeScript sources (Node 24's type stripping).
// Static imports run before this module's code, so the CLI is imported dynamically, after the environment
// is complete.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

// `npx cvt-whatsapp` and npm scripts put the project's Node 24 (the `node` devDependency) first on the
// PATH; a bare `node bin/cvt-whatsapp.js` on an older Node would fail on the TypeScript sources.
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(
    `error: cvt-whatsapp needs Node 24 and this is Node ${process.versions.node}: ` +
      "run it as npx cvt-whatsapp in the project's folder (after npm ci), which uses the project's own Node 24\n",
  );
  process.exit(1);
}

// V8 keeps the code it compiled on disk (the system's temporary folder): the next call skips compiling
// what it reads again, most of a short command's start-up.
enableCompileCache();

// Like `npm start` (--env-file-if-exists=.env): a .env in the working directory, without
// overriding what the environment already sets.
if (existsSync('.env')) process.loadEnvFile('.env');

const bundle = new URL('../dist/cli/main.mjs', import.meta.url);
// The bundle is minified; NODE_OPTIONS=--enable-source-maps maps an unexpected error's stack to the sources
// (not by default: reading the maps would cost every call more than the command itself).
await import(existsSync(bundle) ? bundle.href : '../src/entrypoints/cli/main.ts');
