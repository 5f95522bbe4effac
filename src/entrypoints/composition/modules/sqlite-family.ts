/*
 * The embedded database and the embedded store, imported together: esbuild puts what one `import()` reaches
 * in one chunk, so a function on SQLite reads one file for them rather than three (about 0.45 ms of a cold
 * start each). STORE=mongodb with QUEUE=local reads the store's adapters too, unused (17 KB).
 */
export { sqliteDatabaseModule } from './sqlite-database.module.ts';
export { sqliteStoreModule } from './sqlite-store.module.ts';
