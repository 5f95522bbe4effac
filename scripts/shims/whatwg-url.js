// The MongoDB driver's connection-string parser imports the WHATWG URL classes from the `whatwg-url`
// package (with a 230 KB Unicode table); Node's own URL implements the same standard. Lambda bundles
// use these instead.
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;
