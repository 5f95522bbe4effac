import { runCli } from './run-cli.ts';

/** The CLI process: bin/cvt-whatsapp.js loads .env, then this runs the command line. */
process.exitCode = await runCli(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  // Touched only when a command reads `-`, so that an idle stdin never holds the process open.
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
});
