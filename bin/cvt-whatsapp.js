#!/usr/bin/env node
// The `cvt-whatsapp` command. Node 24 runs the TypeScript sources directly (type stripping), so the
// CLI needs no build step. Static imports run before this module's code, so the CLI is imported
// dynamically, after the environment is complete.
import { existsSync } from 'node:fs';

// `npx cvt-whatsapp` and npm scripts put the project's Node 24 (the `node` devDependency) first on the
// PATH; a bare `node bin/cvt-whatsapp.js` on an older Node would fail on the TypeScript sources.
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(
    `error: cvt-whatsapp needs Node 24 and this is Node ${process.versions.node}: ` +
      "run it as npx cvt-whatsapp in the project's folder (after npm ci), which uses the project's own Node 24\n",
  );
  process.exit(1);
}

// Like `npm start` (--env-file-if-exists=.env): a .env in the working directory, without
// overriding what the environment already sets.
if (existsSync('.env')) process.loadEnvFile('.env');

await import('../src/entrypoints/cli/main.ts');
