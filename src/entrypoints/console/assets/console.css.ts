/**
 * The console's only style sheet. Kept as a TypeScript string so that every build (esbuild bundles, tsc,
 * tests) carries it without a loader; it is served fingerprinted (see assets.ts).
 */
export const CONSOLE_CSS = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --surface: #ffffff; --text: #1b1f24; --muted: #57606a; --border: #d0d7de;
  --accent: #0b5cad; --accent-text: #ffffff; --ok: #116329; --warn: #7d5300; --bad: #c62828;
  --ok-bg: #e6f4ea; --warn-bg: #fff4d6; --bad-bg: #fdecea;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 16px; line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1419; --surface: #1a2027; --text: #e6edf3; --muted: #9aa7b4; --border: #36404a;
    --accent: #6cb6ff; --accent-text: #0f1419; --ok: #56d364; --warn: #e3b341; --bad: #ff7b72;
    --ok-bg: #12261a; --warn-bg: #2b2410; --bad-bg: #301414;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px;
}
.skip { position: absolute; left: -999px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: var(--surface); padding: 8px; z-index: 2; }
header.top { background: var(--surface); border-bottom: 1px solid var(--border); }
.top-inner { max-width: 1200px; margin: 0 auto; padding: 8px 16px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
.brand { font-weight: 700; margin-right: auto; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; }
nav a { display: inline-block; padding: 8px 10px; border-radius: 6px; text-decoration: none; color: var(--text); }
nav a[aria-current="page"] { background: var(--accent); color: var(--accent-text); }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 8px 0 16px; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; }
section.card, .card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 12px 16px; margin: 0 0 16px; }
.grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
.muted { color: var(--muted); }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--border); vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); overflow-wrap: normal; }
td.phone { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.85em; border: 1px solid var(--border); white-space: nowrap; }
.badge.ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok); }
.badge.warn { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
.badge.bad { color: var(--bad); background: var(--bad-bg); border-color: var(--bad); }
.notice { padding: 10px 14px; border-radius: 8px; margin: 0 0 16px; border: 1px solid var(--border); background: var(--surface); }
.notice.ok { border-color: var(--ok); background: var(--ok-bg); }
.notice.bad { border-color: var(--bad); background: var(--bad-bg); }
.notice.warn { border-color: var(--warn); background: var(--warn-bg); }
form.filters { display: grid; gap: 8px 12px; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); align-items: end; }
label { display: block; font-weight: 600; font-size: 0.9rem; margin-bottom: 4px; }
input, select, textarea, button { font: inherit; color: var(--text); }
input, select, textarea { width: 100%; padding: 8px; border: 1px solid var(--muted); border-radius: 6px; background: var(--surface); }
textarea { min-height: 12rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem; }
button, .button { display: inline-block; padding: 8px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent);
  color: var(--accent-text); cursor: pointer; text-decoration: none; font-weight: 600; }
td button, td .button { white-space: nowrap; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.link { background: none; border: none; color: var(--accent); padding: 8px 10px; text-decoration: underline; font-weight: 400; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0; }
.field { margin: 0 0 12px; }
.pager { display: flex; justify-content: space-between; gap: 8px; margin: 12px 0; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 16px; border-left: 2px solid var(--border); }
ol.timeline li { margin: 0 0 12px; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -23px; top: 6px; width: 12px; height: 12px; border-radius: 50%; background: var(--accent); }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.grid.stats { grid-template-columns: repeat(auto-fit, minmax(100px, 1fr)); gap: 8px; margin-bottom: 16px; }
.grid.stats p { margin: 4px 0; font-size: 0.85rem; }
.grid.stats p.stat { font-size: 1.6rem; }
.grid.stats .card { margin: 0; }
.grid.stats h2 { margin: 0; font-size: 0.95rem; }
.card > h2:first-child { margin-top: 0; }
table.matrix th, table.matrix td { padding: 6px 4px; }
table.matrix tbody th { white-space: nowrap; }
table.matrix thead th { font-size: 0.8rem; overflow-wrap: normal; hyphens: auto; }
.stat { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.preview { width: 375px; max-width: 100%; height: 640px; border: 1px solid var(--border); border-radius: 8px; background: #fff; }
progress { width: 100%; height: 1.2rem; }
.login { max-width: 420px; margin: 10vh auto; }
@media (max-width: 700px) {
  main { padding: 12px 10px; }
  section.card, .card { padding: 10px 10px; }
  table.matrix { table-layout: fixed; font-size: 0.85rem; }
  table.matrix th:first-child { width: 25%; }
  table.matrix thead th { font-size: 0.7rem; padding-left: 6px; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack tr { display: block; border: 1px solid var(--border); border-radius: 8px; margin: 0 0 10px; padding: 6px 8px; background: var(--surface); }
  table.stack td { display: grid; grid-template-columns: 7.5rem 1fr; gap: 8px; border: none; padding: 3px 0; text-align: left; }
  table.stack td::before { content: attr(data-label); font-weight: 600; color: var(--muted); }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 8px; }
}
`;
