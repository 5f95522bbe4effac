#!/usr/bin/env node
// The `cvt-whatsapp` command. Node 24 runs the TypeScript sources directly (type stripping), so the
// CLI needs no build step. Static imports run before this module's code, so the CLI is imported
// dynamically, after the environment is complete.
import { existsSync } from 'node:fs';

// Like `npm start` (--env-file-if-exists=.env): a .env in the working directory, without
// overriding what the environment already sets.
if (existsSync('.env')) process.loadEnvFile('.env');
// Someone at a terminal wants the result, not the info log lines; LOG_LEVEL still wins when set.
process.env.LOG_LEVEL ||= 'warn';

await import('../src/entrypoints/cli/main.ts');
