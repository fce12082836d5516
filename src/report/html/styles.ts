/** The report's only stylesheet; inline so the file works offline and under `default-src 'none'`. */
export const styles = `
:root { --pass:#1a7f37; --fail:#cf222e; --error:#bc4c00; --interrupted:#8250df; --skipped:#8c959f; --ink:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#f6f8fa; --legacy:#57606a; --candidate:#0969da; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 48px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h4 { margin: 16px 0 8px; font-size: 14px; }
h5 { margin: 0 0 6px; font-size: 13px; }
h6 { margin: 8px 0 4px; font-size: 12px; color: var(--muted); }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { margin: 0; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); font-weight: normal; }
.banner { display: flex; gap: 24px; align-items: center; padding: 20px 24px; color: #fff; }
.banner.verdict-pass { background: linear-gradient(90deg, #1a7f37, #2da44e); }
.banner.verdict-fail { background: linear-gradient(90deg, #a40e26, #cf222e); }
.banner .verdict { font-size: 40px; font-weight: 800; letter-spacing: 2px; padding: 6px 18px; border: 3px solid rgba(255,255,255,.85); border-radius: 8px; }
.banner h1 { margin: 0 0 4px; font-size: 22px; }
.banner p { margin: 2px 0; opacity: .95; }
.banner ul { margin: 6px 0 0; padding-left: 18px; }
.banner code { background: rgba(255,255,255,.18); padding: 0 4px; border-radius: 3px; }
.warnings { margin: 16px 0 0; padding: 10px 14px; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; }
.warnings ul { margin: 4px 0 0; padding-left: 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(118px, 1fr)); gap: 10px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--bg); }
.card .n { font-size: 22px; font-weight: 700; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .4px; }
.card.wide { grid-column: span 2; }
.card.wide .n { font-size: 18px; }
.card.bad .n { color: var(--fail); } .card.good .n { color: var(--pass); } .card.warn .n { color: var(--error); }
.charts { display: grid; grid-template-columns: 1fr; gap: 12px; }
.chart { max-width: 100%; height: auto; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart text.value, .chart text.legend { fill: var(--muted); font-size: 11px; }
.seg-passed { fill: var(--pass); } .seg-failed { fill: var(--fail); } .seg-error { fill: var(--error); } .seg-interrupted { fill: var(--interrupted); } .seg-skipped { fill: var(--skipped); }
.lat-legacy { fill: var(--legacy); } .lat-candidate { fill: var(--candidate); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg); font-size: 12px; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.headers th { width: 34%; font-weight: 600; color: var(--muted); word-break: break-all; }
table.headers td { word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.badge { display: inline-block; min-width: 84px; text-align: center; border-radius: 12px; padding: 1px 8px; font-size: 12px; font-weight: 700; color: #fff; text-transform: uppercase; }
.badge-passed { background: var(--pass); } .badge-failed { background: var(--fail); } .badge-error { background: var(--error); } .badge-interrupted { background: var(--interrupted); } .badge-skipped { background: var(--skipped); }
.chip { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 7px; font-size: 11px; color: var(--muted); background: #fff; }
.chip-accepted { border-color: #54aeff; color: #0550ae; background: #ddf4ff; }
.disp { font-size: 11px; font-weight: 700; padding: 1px 6px; border-radius: 4px; }
.disp-regression { background: #ffebe9; color: #a40e26; } .disp-accepted { background: #ddf4ff; color: #0550ae; } .disp-noise { background: #eaeef2; color: #424a53; } .disp-pre-existing { background: #fff8c5; color: #7d4e00; } .disp-improvement { background: #dafbe1; color: #116329; }
.hl-regression { background: #ffebe9; box-shadow: inset 3px 0 0 #cf222e; } .hl-accepted { background: #ddf4ff; box-shadow: inset 3px 0 0 #0969da; } .hl-noise { background: #eaeef2; box-shadow: inset 3px 0 0 #8c959f; } .hl-pre-existing { background: #fff8c5; box-shadow: inset 3px 0 0 #d4a72c; } .hl-improvement { background: #dafbe1; box-shadow: inset 3px 0 0 #1a7f37; }
pre.body { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 0; max-height: 420px; overflow: auto; }
pre.body .ln { display: inline-block; min-width: 100%; padding: 0 10px; }
pre.body.hl { padding: 8px 10px; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 12px; background: #fff; border: 1px solid var(--line); border-radius: 6px; margin-bottom: 12px; }
.filters label { font-size: 12px; color: var(--muted); }
.filters select, .filters button { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
.filters .count { margin-left: auto; color: var(--muted); }
main { min-width: 0; } .case, .side, .step { min-width: 0; max-width: 100%; }
.case { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 8px; background: #fff; }
.case.case-failed { border-left: 4px solid var(--fail); } .case.case-error { border-left: 4px solid var(--error); } .case.case-interrupted { border-left: 4px solid var(--interrupted); } .case.case-passed { border-left: 4px solid var(--pass); } .case.case-skipped { border-left: 4px solid var(--skipped); }
.case > details > summary { cursor: pointer; padding: 8px 12px; list-style-position: inside; }
.case .case-name { font-weight: 600; }
.case .api { color: var(--muted); font-size: 12px; margin-left: 6px; }
.case .lat { float: right; color: var(--muted); font-size: 12px; }
.case-body { padding: 0 12px 12px; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.side { min-width: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.side-legacy { border-top: 3px solid var(--legacy); } .side-candidate { border-top: 3px solid var(--candidate); }
.side .reqline code { word-break: break-all; }
.side .status { margin: 6px 0; padding: 2px 6px; }
.side details.request { margin: 4px 0 8px; }
.side details.request > summary { cursor: pointer; color: var(--muted); font-size: 12px; }
.curl > .muted { font-size: 11px; text-transform: uppercase; letter-spacing: .4px; }
.curl pre { background: #24292f; color: #f6f8fa; padding: 6px 8px; border-radius: 4px; margin: 4px 0 8px; }
.error-box { border: 1px solid #ff8182; background: #ffebe9; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.error-box pre { margin-top: 4px; }
.note { font-size: 12px; color: #7d4e00; margin: 4px 0; }
ul.retries, ul.expectations { margin: 4px 0; padding-left: 18px; font-size: 12px; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; }
.what-broke { margin-top: 16px; padding: 4px 16px 8px; border: 2px solid var(--fail); border-radius: 8px; background: #fff; }
.what-broke h2 { margin-top: 12px; border-bottom: none; color: var(--fail); }
.what-broke h3 { font-size: 15px; margin: 12px 0 6px; color: var(--error); }
table.fixed { table-layout: fixed; }
td.wrap, th.wrap, table.fixed td, table.fixed th { overflow-wrap: anywhere; word-break: break-word; }
table.fixed code, td.wrap code { white-space: pre-wrap; overflow-wrap: anywhere; }
.scroll { max-width: 100%; overflow-x: auto; }
col.c-n { width: 56px; } col.c-area { width: 80px; } col.c-disp { width: 104px; } col.c-step { width: 16%; } col.c-case { width: 20%; } col.c-path { width: 20%; } col.c-values { width: 28%; } col.c-check, col.c-rule { width: 16%; } col.c-file { width: 24%; } col.c-sha { width: 30%; } col.c-status { width: 116px; } col.c-api { width: 14%; } col.c-lat { width: 180px; }
tr.row-regression > td { background: #ffebe9; } tr.row-regression > td:first-child { box-shadow: inset 4px 0 0 var(--fail); font-weight: 600; }
tr.row-error > td { background: #fff1e5; } tr.row-error > td:first-child { box-shadow: inset 4px 0 0 var(--error); }
tr[data-case-ref], td.jump { cursor: pointer; } td.jump { text-decoration: underline dotted; }
.rules { margin: 6px 0 12px; }
details.rule { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 6px; background: var(--bg); }
details.rule > summary { cursor: pointer; padding: 6px 10px; overflow-wrap: anywhere; }
details.rule .count { font-weight: 700; margin: 0 6px; } details.rule .why { color: var(--muted); }
details.rule ul.where { margin: 0; padding: 6px 10px 8px 28px; background: #fff; overflow-wrap: anywhere; }
.filters input { font: inherit; padding: 3px 8px; border: 1px solid var(--line); border-radius: 6px; }
.filters .pager button:disabled { opacity: .5; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) { .sides, .two { grid-template-columns: 1fr; } }
`;
