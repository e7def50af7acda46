package io.nirsweep.operators.equivalence.report;

/**
 * The report page's style sheet and script, inlined into every page (the page may load nothing). The script only
 * sorts and filters the pair table; the page reads fully without it. It takes nothing from the report: all it
 * works on is the DOM the page already holds.
 */
final class ReportAssets {
    private ReportAssets() {}

    /** System fonts only (no web font may load); colours of the matrix classes come from {@link AgreementMatrix}. */
    static final String CSS = """
            :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--soft:#f5f6f8;--accent:#0072b2;\
            --warn:#d55e00;--cause:#009e73}
            *{box-sizing:border-box}
            body{margin:0;padding:0 2rem 4rem;color:var(--ink);background:var(--bg);\
            font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            header{padding:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
            h1{font-size:1.6rem;margin:0 0 .75rem}
            h2{font-size:1.25rem;margin:2.25rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
            h3{font-size:1rem;margin:1.25rem 0 .4rem}
            h3 small{font-weight:normal;color:var(--muted)}
            code,pre,.params{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;\
            font-size:12px}
            .meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
            .meta dt{color:var(--muted)}.meta dd{margin:0;overflow-wrap:anywhere}
            nav{margin:.75rem 0}nav a{margin-right:1rem}
            a{color:var(--accent)}
            .note{color:var(--muted);max-width:60rem}
            .matrices{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
            table.matrix{border-collapse:collapse}
            table.matrix caption{font-weight:600;text-align:left;padding-bottom:.3rem;overflow-wrap:anywhere}
            table.matrix th{font-weight:600;padding:.25rem .5rem;text-align:center}
            table.matrix td{width:6.5rem;height:3.2rem;text-align:center;border:2px solid var(--bg);\
            font-variant-numeric:tabular-nums}
            table.matrix td small{display:block;font-size:11px;opacity:.85}
            table.matrix td a{color:inherit;display:block;text-decoration:underline dotted}
            table.matrix td.dark{color:#fff}
            table.matrix td.diag{background:var(--soft);color:var(--muted)}
            .cnan{background:#e4e6eb;color:var(--muted)}
            .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;color:var(--muted)}
            .legend li{display:flex;align-items:center;gap:.35rem}
            .swatch{display:inline-block;width:1.1rem;height:.9rem;border:1px solid var(--line)}
            figure.raster-window{margin:1.25rem 0;padding:.75rem;border:1px solid var(--line);border-radius:6px;\
            overflow-x:auto}
            figure.raster-window:target{outline:3px solid var(--accent)}
            figcaption{margin-bottom:.4rem}
            svg{font:11px system-ui,sans-serif;max-width:100%;height:auto}
            svg .plot{fill:var(--soft);stroke:var(--line)}
            svg .panel{font-weight:600;fill:var(--ink)}
            svg .tick{fill:var(--muted);stroke:var(--muted)}svg text.tick{stroke:none}
            svg .axis{fill:var(--ink)}
            svg .spike circle{fill:#1d2330}svg .spike.multi circle{fill:#0072b2}
            svg .spike text{fill:#fff;font-size:9px;text-anchor:middle;font-weight:700}
            svg .diff{fill:none;stroke:var(--warn);stroke-width:1.5}
            svg .first line{stroke:#cc79a7;stroke-width:2;stroke-dasharray:5 3}
            svg .first circle{fill:none;stroke:#cc79a7;stroke-width:2}
            svg .grid{stroke:var(--line)}
            .key-diff{outline:2px solid var(--warn);padding:0 .2rem}
            .key-first{border-bottom:2px dashed #cc79a7}
            .key-cause{background:#dff3ec;padding:0 .2rem}
            .key-refused{border:1px dashed var(--muted);padding:0 .2rem}
            svg.bar .track{fill:var(--soft)}svg.bar .ours{fill:var(--accent)}
            svg.bar .published{stroke:#000;stroke-width:2}
            table.data{border-collapse:collapse;font-variant-numeric:tabular-nums}
            table.data th,table.data td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;\
            vertical-align:top}
            table.data th{background:var(--soft);position:sticky;top:0}
            table.data td.num{text-align:right;white-space:nowrap}
            table.data td.params{max-width:16rem;overflow-wrap:anywhere}
            table.data tr.diverging td:first-child{box-shadow:inset 3px 0 var(--warn)}
            table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}
            table.sortable th::after{content:" ↕";color:var(--line)}
            table.sortable th[aria-sort=ascending]::after{content:" ↑";color:var(--ink)}
            table.sortable th[aria-sort=descending]::after{content:" ↓";color:var(--ink)}
            .scroll{max-height:70vh;overflow:auto;border:1px solid var(--line)}
            .filter input{font:inherit;padding:.3rem .5rem;width:20rem;max-width:100%}
            article.cause{margin:1rem 0;padding:.5rem .75rem;border:1px solid var(--line);border-radius:6px}
            ol.path{list-style:none;padding:0;display:flex;flex-wrap:wrap;align-items:stretch;gap:.4rem}
            ol.path li{display:flex;flex-direction:column;padding:.35rem .6rem;border:1px solid var(--line);\
            border-radius:6px;background:var(--soft)}
            ol.path li+li::before{content:"→";color:var(--muted);position:relative;left:-1.05rem;top:.4rem;\
            height:0;width:0}
            ol.path li.end{font-weight:600;background:#fff}
            ol.path li.is-cause{background:#dff3ec;border:2px solid var(--cause)}
            ol.path li.refused{border-style:dashed;background:#fff;color:var(--muted)}
            ol.path .choice{font-weight:600}ol.path .left,ol.path .refusal{font-size:12px;font-weight:normal;color:var(--muted)}
            ol.path .refusal{color:var(--warn);max-width:18rem}
            ol.path .badge{font-size:11px;font-weight:700;color:var(--cause);text-transform:uppercase}
            .cause-text{margin:.25rem 0}
            pre.reason{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);padding:.5rem;margin:.5rem 0}
            """;

    /**
     * Sorting (a header's click or Enter; again for the other direction; numbers by their exact {@code data-v},
     * undefined ones last either way) and filtering (every word typed must occur in the row's text).
     */
    static final String SCRIPT = """
            (function () {
              'use strict';
              var table = document.getElementById('pair-table');
              if (!table) { return; }
              var body = table.tBodies[0];
              var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
              function key(row, i, numeric) {
                var cell = row.cells[i];
                if (!numeric) { return cell.textContent.toLowerCase(); }
                var v = cell.getAttribute('data-v');
                return v === null || v === '' ? NaN : parseFloat(v);
              }
              function sortBy(i) {
                var th = heads[i];
                var numeric = th.getAttribute('data-type') === 'num';
                var ascending = th.getAttribute('aria-sort') !== 'ascending';
                heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var sign = ascending ? 1 : -1;
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a, i, numeric), y = key(b, i, numeric);
                  if (numeric) {
                    if (isNaN(x) || isNaN(y)) { return isNaN(x) === isNaN(y) ? 0 : (isNaN(x) ? 1 : -1); }
                    return sign * (x - y);
                  }
                  return sign * x.localeCompare(y);
                });
                var fragment = document.createDocumentFragment();
                rows.forEach(function (row) { fragment.appendChild(row); });
                body.appendChild(fragment);
              }
              heads.forEach(function (th, i) {
                th.addEventListener('click', function () { sortBy(i); });
                th.addEventListener('keydown', function (e) {
                  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(i); }
                });
              });
              var filter = document.getElementById('pair-filter');
              var shown = document.getElementById('pair-shown');
              filter.addEventListener('input', function () {
                var words = filter.value.toLowerCase().split(/\\s+/).filter(function (w) { return w; });
                var n = 0;
                Array.prototype.forEach.call(body.rows, function (row) {
                  var text = Array.prototype.map.call(row.cells, function (c) { return c.textContent; })
                      .join('\t').toLowerCase();
                  var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
                  row.hidden = !hit;
                  if (hit) { n++; }
                });
                shown.textContent = String(n);
              });
            })();
            """;
}
