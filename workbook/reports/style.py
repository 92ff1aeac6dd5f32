"""The reports' stylesheet, embedded in every page (no outside fonts or files).

Colours, fonts and headings come from :mod:`workbook.core.theme`, which the session pages share.
"""

from workbook.core.theme import headings, variables

CSS = variables(":root") + r"""
* { box-sizing: border-box; }
html { background: var(--paper); }
body {
  margin: 0; color: var(--ink); background: var(--paper);
  font: 17px/1.6 var(--body-font);
}
main.report { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 1rem; }
""" + headings() + r"""
p { margin: .5rem 0 .9rem; }
a { color: var(--accent); }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem;
           color: var(--accent); margin: 0 0 .4rem; }
.meta { color: var(--soft); margin: 0 0 1.2rem; }
.lede { font-size: 1.08rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
        padding: 1rem 1.25rem; margin: 1rem 0; }
.verdict { border-left: 6px solid var(--accent); }
.verdict.ready { border-left-color: var(--plenty); }
.verdict.not_now { border-left-color: var(--a_little); }
.verdict.build_first { border-left-color: var(--not_yet); }
.verdict h3 { margin-top: .2rem; }
figure { margin: 1rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { color: var(--soft); font-size: .9rem; margin-top: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { font-weight: 600; color: var(--soft); font-size: .85rem; text-transform: uppercase;
     letter-spacing: .04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.level { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .85rem;
         color: #fff; white-space: nowrap; }
.level.not_yet { background: var(--not_yet); }
.level.a_little { background: var(--a_little); }
.level.plenty { background: var(--plenty); }
.level.none { background: #8a817a; }
.chips { list-style: none; padding: 0; margin: .4rem 0; }
.chips li { display: inline-block; margin: 0 .4rem .4rem 0; padding: .15rem .7rem;
            border-radius: 999px; background: var(--accent-soft); color: var(--accent); }
blockquote { margin: .8rem 0; padding: .6rem 1.1rem; border-left: 4px solid var(--accent);
             background: var(--card); font-family: var(--heading-font);
             font-size: 1.1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.steps li { margin: .3rem 0; }
.note { color: var(--soft); font-size: .92rem; }
.small { font-size: .88rem; }
.suppressed { color: var(--soft); font-style: italic; }
.text { margin: 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card);
      border: 1px solid var(--line); padding: .6rem; border-radius: 6px; font-size: .85rem; }
pre.error { border-color: var(--not_yet); }
.report-footer { max-width: 46rem; margin: 2rem auto 2.5rem; padding: 1rem 1.5rem 0;
                 color: var(--soft); font-size: .82rem; border-top: 1px solid var(--line); }
.index-list { list-style: none; padding: 0; columns: 2 14rem; }
.index-list li { margin: .2rem 0; break-inside: avoid; }
.failed { color: var(--not_yet); }
@page { margin: 16mm 14mm; }
@media print {
  html, body { background: #fff; font-size: 11.5pt; }
  main.report { padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  figure, .card, table, blockquote { break-inside: avoid; }
  .report-footer { margin: 1rem 0 0; padding: .5rem 0 0; }
}
"""
