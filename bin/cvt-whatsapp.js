#!/usr/bin/env node
// The `cvt-whatsapp` command. It runs the CLI bundle (dist/cli, built by `npm ci` through `prepare`, or by
// `npm run build -- --target cli`) when there is one, else the TypeScript sources (Node 24's type stripping).
// Static imports run before this module's code, so the CLI is imported dynamically, after the environment
// is complete. This file must still parse on an older Node, to say what to do.
// Built-ins through getBuiltinModule: an ES import of `node:fs` would build its namespace and so load Node's
// streams and fs/promises, time that `--help` does not have.
const { existsSync } = process.getBuiltinModule('node:fs');

if (Number(process.versions.node.split('.')[0]) < 24) {
  // Called through `npm link` or its path on a machine whose own Node is older: the project's Node 24
  // (the `node` devDependency) runs it instead, when `npm ci` has installed it.
  const projectNode = new URL('../node_modules/node/bin/node', import.meta.url);
  if (existsSync(projectNode)) {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(projectNode.pathname, process.argv.slice(1), { stdio: 'inherit' });
    process.exit(run.status ?? 1);
  }
  process.stderr.write(
    `error: cvt-whatsapp needs Node 24 and this is Node ${process.versions.node}: ` +
      "run npm ci in the project's folder first, which installs the project's own Node 24\n",
  );
  process.exit(1);
}

// V8 keeps the code it compiled on disk (the system's temporary folder): the next call skips compiling
// what it reads again, a good part of a short command's start-up.
process.getBuiltinModule('node:module').enableCompileCache();

// Like `npm start` (--env-file-if-exists=.env): a .env in the working directory, without
// overriding what the environment already sets.
if (existsSync('.env')) process.loadEnvFile('.env');

const bundle = new URL('../dist/cli/main.mjs', import.meta.url);
// The bundle is minified; NODE_OPTIONS=--enable-source-maps maps an unexpected error's stack to the sources
// (not by default: reading the maps would cost every call more than the command itself).
// Two literal imports rather than one of a computed path, so that tools that follow imports (knip) see the sources.
if (existsSync(bundle)) await import(bundle.href);
else await import('../src/entrypoints/cli/main.ts');
