// The one stylesheet of the Kudos pages, served at /assets/kudos.css. Light by default, dark when
// the system asks for it; colours live in custom properties so the charts follow the theme too.
// Nothing is wider than the window, at 390 px too and whatever people name their things: long
// words and links break (links anywhere, so flex rows and grids may shrink them), fields and
// media never exceed their box, and tables keep their columns inside .table-wrap, which scrolls
// on its own (test/e2e/page-width.test.ts).
export const STYLESHEET = `
:root{--bg:#fbfaf7;--fg:#1d1d1b;--muted:#5c5a55;--line:#d9d6cf;--card:#fff;--accent:#b3261e;--accent-fg:#fff;--ok:#1d6b3a;--warn:#8a3b00;--focus:#1a5fb4;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#161514;--fg:#ecebe7;--muted:#b1aea6;--line:#3b3936;--card:#201f1d;--accent:#ff8a80;--accent-fg:#1d1d1b;--ok:#7fd69b;--warn:#ffb870;--focus:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible,.skip:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--card);padding:.5rem}
header.site{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
header.site .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
header.site nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin-left:auto}
header.site form{margin:0}
main{max-width:60rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.7rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .75rem}
section.card,figure.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0}
.card>h2:first-child{margin-top:0}
figure.card figcaption{font-weight:600;margin-bottom:.25rem}
.muted{color:var(--muted)}
.big{font-size:2rem;font-weight:700}
.flash{padding:.75rem 1rem;border-radius:.5rem;border:1px solid;margin:1rem 0}
.flash.ok{color:var(--ok)}.flash.error{color:var(--warn)}
form.stack{display:grid;gap:.75rem;max-width:24rem}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}form.inline>a{padding:.5rem 0}
label{display:grid;gap:.25rem;font-weight:600}label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400}fieldset{border:1px solid var(--line);border-radius:.4rem;display:grid;gap:.5rem;padding:.75rem 1rem}
input,textarea{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.35rem;background:var(--bg);color:var(--fg)}
button,.button{font:inherit;font-weight:600;padding:.45rem .9rem;border-radius:.35rem;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);cursor:pointer;text-decoration:none;display:inline-block}
button.quiet{background:transparent;color:var(--fg);border-color:var(--line)}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right}
.table-wrap{overflow-x:auto}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
pre{background:var(--bg);border:1px solid var(--line);padding:.75rem;border-radius:.35rem;white-space:pre-wrap;word-break:break-all}
.copy-row{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
ul.plain{list-style:none;padding:0}ul.plain li{padding:.35rem 0;border-bottom:1px solid var(--line)}
.chart{width:100%;height:auto;display:block}
.chart .bar{fill:var(--accent)}.chart .axis{stroke:var(--line)}.chart text{fill:var(--muted);font-size:11px}
.chart .empty{font-size:14px}
a.kudos-button{display:inline-block;width:180px;height:32px;vertical-align:middle;overflow:hidden}a.kudos-button[data-style=compact]{width:84px;height:26px}a.kudos-button[data-style=large]{width:112px;height:84px}
footer{max-width:60rem;margin:2rem auto;padding:0 1.25rem;color:var(--muted);font-size:.9rem}
footer .langs{display:flex;gap:1rem}footer .langs a[aria-current]{font-weight:700;color:var(--fg)}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
form.stack.wide{max-width:36rem}
.profile{display:flex;gap:1.25rem;align-items:center;flex-wrap:wrap}
.avatar{border-radius:50%;object-fit:cover;border:1px solid var(--line)}
.handle{font-size:1.1rem;font-weight:400}
.cta{font-size:1.15rem;font-weight:600;border-left:4px solid var(--accent);padding:.25rem .75rem}
.previews{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.previews figure{margin:0;display:grid;gap:.4rem}
.dark-swatch{background:#161514;padding:.4rem;border-radius:.35rem;display:inline-block}
.notice{text-align:center;padding:2rem 1.25rem}
li .num{float:right}.num.out{color:var(--warn)}.num.in{color:var(--ok)}
main,footer{overflow-wrap:break-word}
main a{overflow-wrap:anywhere}
td a,th a{overflow-wrap:break-word}
img,svg,iframe,video{max-width:100%}
input,textarea,select{max-width:100%;min-width:0}
label,form.stack{grid-template-columns:minmax(0,1fr);min-width:0}
form.inline>*,.copy-row>*,.profile>*{min-width:0;max-width:100%}
`;

/** Copy buttons: `<button data-copy="text">` copies its text; the page works without it. */
export const COPY_SCRIPT = `document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('[data-copy]');if(!b)return;navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){var t=b.textContent;b.textContent=b.getAttribute('data-copied')||'Copied';setTimeout(function(){b.textContent=t},1500)})});document.querySelectorAll('[data-copy][hidden]').forEach(function(b){b.hidden=false});`;
