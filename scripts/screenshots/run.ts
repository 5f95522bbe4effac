import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run docs:screenshots`: runs every `*.screens.ts` beside this file, each writing the screenshots of
 * one set of pages under docs/ (the console's, the published reports'). Each module exports `writeScreenshots()`.
 */
const folder = import.meta.dirname;
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith('.screens.ts'))
  .sort()) {
  const module = (await import(join(folder, file))) as { writeScreenshots(): Promise<void> };
  console.log(`screenshots: ${file}`);
  await module.writeScreenshots();
}
