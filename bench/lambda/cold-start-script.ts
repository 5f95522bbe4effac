/**
 * The program each cold start runs, as an ES module given to `node --input-type=module -e`: plain
 * JavaScript, so that neither side pays for TypeScript. Without a bundle it is the empty Node start the
 * functions are compared with; with one it imports the bundle and invokes its handler once. It prints
 * one line when done, with its own timings (ms since the process started) and the CPU time it used, and exits at once.
 */
export function coldStartScript(bundleUrl: string | null, event: unknown): string {
  const work =
    bundleUrl === null
      ? 'const imported = performance.now(); const built = imported;'
      : `const { handler } = await import(${JSON.stringify(bundleUrl)});
const imported = performance.now();
await handler(${JSON.stringify(event)});
const built = performance.now();`;
  return `${work}
const used = process.cpuUsage();
process.stdout.write('COLD-START ' + JSON.stringify({ imported, built, cpu: (used.user + used.system) / 1000 }) + '\\n', () => process.exit(0));`;
}
