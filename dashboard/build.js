'use strict';
// The ICS board dashboard: queries estate's views and functions and writes a
// static site (plain HTML, every chart an inline SVG rendered here by
// Vega-Lite), so nothing is fetched from any host when the pages are viewed.
//   node build.js [OUT_DIR]        (default: ./site)
// The connection comes from the libpq variables PGHOST, PGPORT, PGDATABASE,
// PGUSER, PGPASSWORD (and PGSSLMODE); a role that can only SELECT is enough.
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const vega = require('vega');
const vl = require('vega-lite');

const out = path.resolve(process.argv[2] || path.join(__dirname, 'site'));

// The budgets of the investment page, as shares of the ICS's backlog in the
// latest year, so that a small ICS and London are both shown something they
// could spend; rounded to £0.1m.  Costs inflate 3% a year (as tools/demo's
// scenarios), over ten years, highest risk first.
const BUDGETS = [
  { key: 'none', share: 0, label: 'do nothing' },
  { key: 'low', share: 0.05, label: '5% of the backlog a year' },
  { key: 'mid', share: 0.1, label: '10% of the backlog a year' },
  { key: 'high', share: 0.2, label: '20% of the backlog a year' },
];
const INFLATION = 0.03;
const NET_ZERO_YEAR = 2040;

const BANDS = ['high', 'significant', 'moderate', 'low'];
const BAND_COLOURS = ['#d5281b', '#ed8b00', '#ffb81c', '#009639'];

// ---- formatting ------------------------------------------------------------

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Numbers arrive from PostgreSQL already rounded (numeric as text): only the
// thousands separators are added here, so the page shows SQL's digits.
function grouped(v) {
  if (v === null || v === undefined) return '–';
  const [i, f] = String(v).split('.');
  const neg = i.startsWith('-');
  const digits = (neg ? i.slice(1) : i).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '−' : '') + digits + (f !== undefined ? '.' + f : '');
}
const money = (m) => (m === null || m === undefined ? '–' : `£${grouped(m)}m`);
const pct = (p) => (p === null || p === undefined ? '–' : `${grouped(p)}%`);
const fig = (name, text) => `<span class="figure" data-figure="${esc(name)}">${text}</span>`;
// ICS names in charts, without the words every one of them has.
const short = (name) => String(name).replace(/^NHS /, '').replace(/ Integrated Care Board$/, '');
const num = (v) => (v === null || v === undefined ? null : Number(v));

// ---- charts ------------------------------------------------------------------

const CHART_CONFIG = {
  font: 'Arial, Helvetica, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#e8edee' },
  axisX: { labelAngle: 0 },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'right', labelLimit: 320 },
  title: { fontSize: 13, anchor: 'start', fontWeight: 'bold' },
};

const timing = { sql: 0, charts: 0 };

async function chart(spec, caption) {
  const t0 = Date.now();
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: CHART_CONFIG, ...spec };
  const view = new vega.View(vega.parse(vl.compile(full).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  timing.charts += Date.now() - t0;
  return `<figure class="chart">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const bandOrder = { field: 'order', type: 'quantitative' };
const bandColour = {
  field: 'band', type: 'nominal', title: 'risk band',
  scale: { domain: BANDS, range: BAND_COLOURS }, sort: BANDS,
};
function bandRows(row, extra) {
  return BANDS.map((b, i) => ({ ...extra, band: b, order: i, gbp_m: num(row[`${b}_m`]) }))
    .filter((r) => r.gbp_m !== null);
}

// ---- pages -----------------------------------------------------------------

const PAGES = [
  { id: 'england', title: 'England and ICSs', href: () => 'index.html' },
  { id: 'ics', title: 'One ICS', href: (c) => `ics/${c}.html` },
  { id: 'investment', title: 'Investment scenarios', href: (c) => `investment/${c}.html` },
  { id: 'disposal', title: 'Disposal candidates', href: (c) => `disposal/${c}.html` },
  { id: 'carbon', title: 'Carbon and net zero', href: (c) => `carbon/${c}.html` },
  { id: 'quality', title: 'Data quality', href: () => 'quality.html' },
];

function page({ id, ics, icsList, depth, title, question, body }) {
  const up = depth ? '../' : '';
  const nav = PAGES.map((p) => `<a href="${up}${p.href(ics.code)}"${p.id === id ? ' class="here"' : ''}>${esc(p.title)}</a>`).join('');
  const def = PAGES.find((p) => p.id === id);
  const selector = depth
    ? `<label class="selector">ICS <select id="ics" onchange="location.href=this.value">${icsList
      .map((i) => `<option value="${esc(def.href(i.code).split('/')[1])}"${i.code === ics.code ? ' selected' : ''}>${esc(i.name)}</option>`)
      .join('')}</select></label>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)} · estate</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#212b32;background:#f0f4f5}
header{background:#005eb8;color:#fff;padding:10px 24px}
header h1{font-size:18px;margin:0 0 8px}
nav a{color:#fff;margin-right:16px;text-decoration:none;font-size:14px}
nav a.here{font-weight:bold;border-bottom:2px solid #fff}
main{padding:12px 24px 32px;max-width:1280px}
h2{font-size:20px;margin:12px 0 4px}
p.question{margin:0 0 12px;color:#425563}
.selector{display:block;margin:8px 0 12px;font-size:14px}
.selector select{font-size:14px;max-width:560px}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}
.kpi{background:#fff;padding:8px 14px;border-left:4px solid #005eb8}
.kpi .label{font-size:12px;color:#425563}
.kpi>.figure{font-size:20px;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:12px}
figure.chart{background:#fff;margin:0;padding:10px}
figcaption{font-size:12px;color:#425563;max-width:600px}
table{border-collapse:collapse;background:#fff;font-size:13px;margin:8px 0 16px}
th,td{padding:4px 8px;border-bottom:1px solid #d8dde0;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.miss{color:#d5281b;font-weight:bold}
.note{font-size:12px;color:#425563}
</style></head>
<body><header><h1>estate · NHS estates dashboard</h1><nav>${nav}</nav></header>
<main><h2>${esc(title)}</h2><p class="question">${esc(question)}</p>${selector}
${body}</main></body></html>
`;
}

// label and figure are HTML: callers escape what comes from the database.
const kpi = (label, html) => `<div class="kpi"><div class="label">${label}</div>${html}</div>`;
function table(head, rows) {
  const th = head.map((h) => `<th${h.n ? ' class="n"' : ''}>${esc(h.t)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${head[i].n ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

// ---- queries -----------------------------------------------------------------

const M = (col, as) => `round(${col} / 1e6, 1) AS ${as}`;
const bandCols = (p = '') => BANDS.map((b) => M(`${p}backlog_${b}_risk_gbp`, `${b}_m`)).join(', ');

async function main() {
  const db = new Client();
  await db.connect();
  const q = async (sql, params) => {
    const t0 = Date.now();
    const rows = (await db.query(sql, params)).rows;
    timing.sql += Date.now() - t0;
    if (process.env.DASHBOARD_TIMING) console.error(`${Date.now() - t0} ms: ${sql.trim().slice(0, 60)}`);
    return rows;
  };

  const england = await q(`
    SELECT financial_year, year_label, ${bandCols()}, ${M('backlog_total_gbp', 'total_m')},
           ${M('critical_infrastructure_risk_gbp', 'cir_m')}, backlog_per_m2_gbp, round(carbon_per_m2_kg, 1) AS carbon
    FROM estate.england_summary ORDER BY financial_year`);
  if (england.length === 0) throw new Error('estate.england_summary is empty: load ERIC years first');
  const latest = england[england.length - 1];
  const icsRows = await q(`
    SELECT financial_year, year_label, ics_code, ics_name, trusts, sites, ${bandCols()},
           ${M('backlog_total_gbp', 'total_m')}, ${M('critical_infrastructure_risk_gbp', 'cir_m')},
           backlog_per_m2_gbp, round(carbon_per_m2_kg, 1) AS carbon
    FROM estate.ics_summary WHERE ics_code IS NOT NULL ORDER BY financial_year, ics_name`);
  // The ICSs of the latest year; the first shown is the one with the most CIR.
  const icsLatest = icsRows.filter((r) => r.financial_year === latest.financial_year);
  const icsList = icsLatest.map((r) => ({ code: r.ics_code, name: r.ics_name }));
  const first = [...icsLatest].sort((a, b) => num(b.cir_m) - num(a.cir_m))[0];
  const target = (await q(`SELECT estate.carter_target('non_clinical_share') AS nc, estate.carter_target('unoccupied_share') AS un`))[0];

  fs.rmSync(out, { recursive: true, force: true });
  for (const d of ['ics', 'investment', 'disposal', 'carbon']) fs.mkdirSync(path.join(out, d), { recursive: true });
  const write = (rel, html) => fs.writeFileSync(path.join(out, rel), html);
  const common = { icsList, ics: { code: first.ics_code } };

  // 1. England and ICSs.
  {
    const stacked = england.flatMap((r) => bandRows(r, { year: r.year_label }));
    const icsBands = icsLatest.flatMap((r) => bandRows(r, { ics: short(r.ics_name) }));
    const body = `
<div class="kpis">${england.map((r) => kpi(`England ${r.year_label}: backlog / critical infrastructure risk`,
    `${fig(`england-backlog-${r.financial_year}`, money(r.total_m))} / ${fig(`england-cir-${r.financial_year}`, money(r.cir_m))}`)).join('')}</div>
<div class="charts">
${await chart({
    title: 'Backlog by risk band, England', width: 360, height: 260, data: { values: stacked },
    mark: 'bar',
    encoding: { x: { field: 'year', type: 'ordinal', title: 'financial year' },
      y: { field: 'gbp_m', type: 'quantitative', title: '£m', stack: 'zero' }, color: bandColour, order: bandOrder },
  }, 'Cost to eradicate backlog, £m, by risk band (estate.england_summary).')}
${await chart({
    title: 'Critical infrastructure risk, England', width: 360, height: 260,
    data: { values: england.map((r) => ({ year: r.year_label, cir_m: num(r.cir_m) })) },
    mark: { type: 'line', color: '#d5281b', point: { color: '#d5281b' } },
    encoding: { x: { field: 'year', type: 'ordinal', title: 'financial year' },
      y: { field: 'cir_m', type: 'quantitative', title: '£m', scale: { zero: true } } },
  }, 'High plus significant risk backlog, £m (estate.england_summary).')}
${await chart({
    title: `Backlog per m² by ICS, ${latest.year_label}`, width: 420, height: icsLatest.length * 13,
    data: { values: icsLatest.map((r) => ({ ics: short(r.ics_name), per_m2: num(r.backlog_per_m2_gbp) })) },
    layer: [
      { mark: { type: 'bar', color: '#005eb8' },
        encoding: { y: { field: 'ics', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 260 } },
          x: { field: 'per_m2', type: 'quantitative', title: '£ per m²' } } },
      { mark: { type: 'rule', color: '#212b32', strokeDash: [4, 3] }, data: { values: [{ england: num(latest.backlog_per_m2_gbp) }] },
        encoding: { x: { field: 'england', type: 'quantitative' } } },
    ],
  }, `Backlog over the floor area of the sites that reported it (estate.ics_summary); the dashed line is England (£${latest.backlog_per_m2_gbp} per m²).`)}
${await chart({
    title: `Backlog by risk band by ICS, ${latest.year_label}`, width: 420, height: icsLatest.length * 13, data: { values: icsBands },
    mark: 'bar',
    encoding: { y: { field: 'ics', type: 'nominal', title: null, axis: { labelLimit: 260 },
      sort: { field: 'gbp_m', op: 'sum', order: 'descending' } },
    x: { field: 'gbp_m', type: 'quantitative', title: '£m', stack: 'zero' }, color: bandColour, order: bandOrder },
  }, '£m by risk band (estate.ics_summary); ICSs by the trusts ODS maps to them.')}
</div>
<p class="note">England sums every site row; the ICS charts leave out the few trusts no ICS maps (grouped by commissioning region in estate.ics_summary).</p>`;
    write('index.html', page({ ...common, id: 'england', depth: 0, title: 'England and ICSs',
      question: 'How big is the backlog, how risky, and which ICSs carry the most per square metre?', body }));
  }

  // 2. One ICS.
  const trusts = await q(`
    SELECT ics_code, trust_code, trust_name, ${M('critical_infrastructure_risk_gbp', 'cir_m')}, backlog_per_m2_gbp,
           mean_build_year, round(non_clinical_share * 100, 1) AS nc, round(unoccupied_share * 100, 1) AS un,
           meets_non_clinical_target, meets_unoccupied_target
    FROM estate.trust_summary WHERE financial_year = $1 AND ics_code IS NOT NULL ORDER BY ics_code, trust_name`, [latest.financial_year]);
  // The year is picked here: PostgreSQL 15 plans year_on_year filtered by
  // year far slower (seconds, minutes as a prepared statement) than by level.
  const yoy = (await q(`
    SELECT ics_code, metric, unit, value, previous_value, round(change_share * 100, 1) AS change,
           round(like_for_like_change_share * 100, 1) AS lfl, predecessors, definition_changed, financial_year
    FROM estate.year_on_year WHERE level = 'ics' AND ics_code IS NOT NULL
    ORDER BY ics_code, metric`)).filter((y) => y.financial_year === latest.financial_year);
  const findings = await q(`
    SELECT ics_code, year_label, finding, trust_code, site_code, reason, backlog_gbp
    FROM estate.data_quality WHERE ics_code IS NOT NULL
    ORDER BY ics_code, financial_year DESC, backlog_gbp DESC NULLS LAST, finding, trust_code, site_code NULLS FIRST`);
  const shown = (v, unit) => {
    if (v === null) return '–';
    if (unit === 'GBP') return money((Number(v) / 1e6).toFixed(1));
    if (unit === 'share') return pct((Number(v) * 100).toFixed(1));
    return `${grouped(Number(v).toFixed(unit === 'year' ? 1 : 0))} ${esc(unit)}`;
  };
  for (const ics of icsLatest) {
    const ts = trusts.filter((t) => t.ics_code === ics.ics_code);
    const ys = yoy.filter((y) => y.ics_code === ics.ics_code);
    const fs_ = findings.filter((f) => f.ics_code === ics.ics_code);
    const counts = {};
    for (const f of fs_) counts[`${f.year_label}|${f.finding}`] = (counts[`${f.year_label}|${f.finding}`] || 0) + 1;
    const share = (field, tgt, label) => chart({
      title: `${label}, ${latest.year_label}`, width: 300, height: Math.max(60, ts.length * 16),
      data: { values: ts.filter((t) => t[field] !== null).map((t) => ({ trust: t.trust_name, v: num(t[field]) })) },
      layer: [
        { mark: { type: 'bar', color: '#005eb8' },
          encoding: { y: { field: 'trust', type: 'nominal', title: null, axis: { labelLimit: 220 } },
            x: { field: 'v', type: 'quantitative', title: '% of floor area' } } },
        { mark: { type: 'rule', color: '#d5281b', strokeWidth: 2 }, data: { values: [{ t: tgt * 100 }] },
          encoding: { x: { field: 't', type: 'quantitative' } } },
      ],
    }, `Red line: Lord Carter's target of ${tgt * 100}% (estate.carter_target).`);
    const body = `
<div class="kpis">${kpi('ICS', fig('ics-name', esc(ics.ics_name)))}${kpi(`critical infrastructure risk, ${latest.year_label}`, fig('ics-cir', money(ics.cir_m)))}${kpi('backlog', money(ics.total_m))}${kpi('backlog per m²', `£${grouped(ics.backlog_per_m2_gbp)}`)}${kpi('trusts / sites', `${ics.trusts} / ${ics.sites}`)}</div>
<h3>Its trusts, ${esc(latest.year_label)}</h3>
${table([{ t: 'trust' }, { t: 'CIR', n: 1 }, { t: 'backlog per m²', n: 1 }, { t: 'mean build year', n: 1 },
    { t: `non-clinical (target ≤ ${target.nc * 100}%)`, n: 1 }, { t: `unoccupied (target ≤ ${target.un * 100}%)`, n: 1 }],
  ts.map((t) => [`${esc(t.trust_name)} (${esc(t.trust_code)})`, money(t.cir_m), t.backlog_per_m2_gbp === null ? '–' : `£${grouped(t.backlog_per_m2_gbp)}`,
    t.mean_build_year ?? '–',
    `<span${t.meets_non_clinical_target === false ? ' class="miss"' : ''}>${pct(t.nc)}</span>`,
    `<span${t.meets_unoccupied_target === false ? ' class="miss"' : ''}>${pct(t.un)}</span>`]))}
<div class="charts">
${await chart({
    title: `Critical infrastructure risk by trust, ${latest.year_label}`, width: 300, height: Math.max(60, ts.length * 16),
    data: { values: ts.filter((t) => t.cir_m !== null).map((t) => ({ trust: t.trust_name, cir_m: num(t.cir_m) })) },
    mark: { type: 'bar', color: '#d5281b' },
    encoding: { y: { field: 'trust', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 220 } },
      x: { field: 'cir_m', type: 'quantitative', title: '£m' } },
  }, 'High plus significant risk backlog, £m (estate.trust_summary).')}
${await share('nc', target.nc, 'Non-clinical share')}
${await share('un', target.un, 'Unoccupied share')}
</div>
<h3>Year on year, ${esc(latest.year_label)} against the year before</h3>
<p class="note">Like for like re-keys last year's returns first: a trust that merged counts with its successor, a moved site where it counts now (estate.year_on_year).</p>
${table([{ t: 'measure' }, { t: 'this year', n: 1 }, { t: 'last year', n: 1 }, { t: 'change', n: 1 }, { t: 'like for like', n: 1 }, { t: 'merged in' }],
  ys.map((y) => [esc(y.metric) + (y.definition_changed ? ' <span class="note">(definition changed)</span>' : ''),
    shown(y.value, y.unit), shown(y.previous_value, y.unit), pct(y.change), pct(y.lfl), esc(y.predecessors ?? '')]))}
<h3>Data-quality findings on its returns</h3>
${table([{ t: 'year' }, { t: 'finding' }, { t: 'count', n: 1 }],
  Object.entries(counts).map(([k, n]) => [...k.split('|').map(esc), n]))}
${table([{ t: 'year' }, { t: 'finding' }, { t: 'why' }],
  fs_.slice(0, 25).map((f) => [esc(f.year_label), esc(f.finding), esc(f.reason)]))}
${fs_.length > 25 ? `<p class="note">The 25 findings with the most backlog of ${fs_.length}; all are in estate.data_quality.</p>` : ''}`;
    write(`ics/${ics.ics_code}.html`, page({ ...common, ics: { code: ics.ics_code }, id: 'ics', depth: 1, title: ics.ics_name,
      question: 'Where is the risk among our trusts, how do they stand against Lord Carter\'s space targets, what changed on the year, and can we trust the figures?', body }));
  }

  // 3. Investment scenarios, every ICS at once: one plan per ICS and budget.
  const scenarioSql = `
    WITH items AS (
        SELECT s.ics_code, i.item_id, i.band, i.cost_gbp, i.financial_year
        FROM estate.eric_backlog_items AS i
        JOIN estate.site_summary AS s
          ON s.financial_year = i.financial_year AND s.trust_code = i.trust_code AND s.site_code = i.site_code
        WHERE i.financial_year = $1 AND s.ics_code IS NOT NULL),
    budgets AS (
        SELECT items.ics_code, b.key, round(coalesce(sum(items.cost_gbp), 0) * b.share, -5) AS budget
        FROM items CROSS JOIN unnest($2::text[], $3::numeric[]) AS b(key, share)
        GROUP BY items.ics_code, b.key, b.share),
    plans AS (
        SELECT b.ics_code, b.key, b.budget,
               estate.plan_investment(i.item_id, i.band::estate.risk_band, i.cost_gbp,
                   estate.investment_scenario(from_year => $1, annual_budget => b.budget, inflation => $4)) AS plan
        FROM items AS i JOIN budgets AS b ON b.ics_code = i.ics_code
        GROUP BY b.ics_code, b.key, b.budget)`;
  const scenarioArgs = [latest.financial_year, BUDGETS.map((b) => b.key), BUDGETS.map((b) => b.share), INFLATION];
  const plans = await q(`${scenarioSql}
    SELECT p.ics_code, p.key, ${M('p.budget', 'budget_m')}, y.year, ${M('y.total', 'total_m')},
           ${M('y.critical_infrastructure_risk', 'cir_m')}, ${M('y.spent', 'spent_m')}
    FROM plans AS p, estate.plan_years(p.plan) AS y ORDER BY p.ics_code, p.key, y.year`, scenarioArgs);
  const fundFirst = await q(`${scenarioSql}, funded AS (
        SELECT p.ics_code, f.item_id, f.funded_year, f.band::text AS band, f.cost_paid,
               row_number() OVER (PARTITION BY p.ics_code ORDER BY f.funded_year, f.band DESC, f.cost_paid DESC, f.item_id) AS n
        FROM plans AS p, estate.plan_items(p.plan) AS f
        WHERE p.key = 'mid' AND f.funded_year IS NOT NULL AND f.cost_paid > 0)
    SELECT f.ics_code, f.funded_year, f.band, ${M('f.cost_paid', 'cost_m')}, s.site_name, s.trust_name
    FROM funded AS f
    JOIN estate.eric_backlog_items AS i ON i.item_id = f.item_id AND i.financial_year = $1
    JOIN estate.site_summary AS s ON s.financial_year = i.financial_year AND s.trust_code = i.trust_code AND s.site_code = i.site_code
    WHERE f.n <= 15 ORDER BY f.ics_code, f.n`, scenarioArgs);
  for (const ics of icsLatest) {
    const ps = plans.filter((p) => p.ics_code === ics.ics_code);
    const lastYear = Math.max(...ps.map((p) => p.year));
    const label = (key) => {
      const b = BUDGETS.find((x) => x.key === key);
      const row = ps.find((p) => p.key === key);
      return key === 'none' ? b.label : `${money(row.budget_m)} a year (${b.share * 100}%)`;
    };
    const series = ps.map((p) => ({ year: p.year, scenario: label(p.key), cir_m: num(p.cir_m), total_m: num(p.total_m) }));
    const order = BUDGETS.map((b) => label(b.key));
    const trajectory = (field, title) => chart({
      title, width: 380, height: 240, data: { values: series },
      mark: { type: 'line', point: true },
      encoding: { x: { field: 'year', type: 'ordinal', title: 'year' }, y: { field, type: 'quantitative', title: '£m' },
        color: { field: 'scenario', type: 'nominal', sort: order, scale: { range: ['#768692', '#ed8b00', '#005eb8', '#009639'] } } },
    }, `From the ${latest.year_label} returns; costs inflating ${INFLATION * 100}% a year; highest risk first; no carry-over (estate.plan_investment).`);
    const ff = fundFirst.filter((f) => f.ics_code === ics.ics_code);
    const body = `
<div class="kpis">${kpi('ICS', fig('ics-name', esc(ics.ics_name)))}${kpi(`critical infrastructure risk, ${latest.year_label}`, fig('ics-cir', money(ics.cir_m)))}${BUDGETS.map((b) => {
    const end = ps.find((p) => p.key === b.key && p.year === lastYear);
    return kpi(`${b.key === 'none' ? 'do nothing' : fig(`plan-budget-${b.key}`, money(end.budget_m)) + ' a year'}: CIR in ${lastYear}`, fig(`plan-cir-end-${b.key}`, money(end.cir_m)));
  }).join('')}</div>
<p class="note">Years ${ps.length ? Math.min(...ps.map((p) => p.year)) : ''} to ${fig('plan-last-year', lastYear)}: the last is year 10 of the plan.</p>
<div class="charts">
${await trajectory('cir_m', 'Critical infrastructure risk under each budget')}
${await trajectory('total_m', 'Total backlog under each budget')}
</div>
<h3>Funded first at ${label('mid')}</h3>
${table([{ t: 'year' }, { t: 'site' }, { t: 'trust' }, { t: 'risk band' }, { t: 'cost paid', n: 1 }],
  ff.map((f) => [f.funded_year, esc(f.site_name), esc(f.trust_name), esc(f.band), money(f.cost_m)]))}
<p class="note">An item dearer than a whole year's budget is never funded from it: it needs a business case of its own.</p>`;
    write(`investment/${ics.ics_code}.html`, page({ ...common, ics: { code: ics.ics_code }, id: 'investment', depth: 1,
      title: `Investment scenarios: ${ics.ics_name}`,
      question: 'What does a budget do to our critical infrastructure risk and backlog over ten years, and what do we fund first?', body }));
  }

  // 4. Disposal candidates: the ICS's sites in programme order, and what
  // disposing of the first 1, 2, ... of them releases.
  {
    const sites = await q(`
      SELECT ics_code, programme_rank, site_code, site_name, trust_name, site_type_normalised, year_label,
             score, recommendation, reasons, criteria_used,
             round(cumulative_floor_area_m2) AS floor_m2, ${M('cumulative_backlog_gbp', 'backlog_m')},
             ${M('cumulative_running_cost_gbp', 'running_m')}, round(cumulative_carbon_kg / 1000) AS carbon_t,
             round(cumulative_floor_area_share * 100, 1) AS floor_share
      FROM estate.disposal_candidates
      WHERE ics_code IS NOT NULL AND programme_rank IS NOT NULL
      ORDER BY ics_code, programme_rank`);
    const recs = await q(`
      SELECT ics_code, recommendation, count(*) AS n FROM estate.disposal_candidates
      WHERE ics_code IS NOT NULL AND programme_rank IS NOT NULL GROUP BY ics_code, recommendation`);
    const REC = { domain: ['dispose', 'review', 'retain'], range: ['#d5281b', '#ffb81c', '#009639'] };
    for (const ics of icsLatest) {
      const mine = sites.filter((r) => r.ics_code === ics.ics_code);
      const top = mine[0];
      const count = (rec) => (recs.find((r) => r.ics_code === ics.ics_code && r.recommendation === rec) || { n: 0 }).n;
      const curve = (field, title, unit) => chart({
        title, width: 250, height: 170,
        data: { values: mine.filter((r) => r[field] !== null).map((r) => ({ rank: r.programme_rank, v: num(r[field]) })) },
        mark: { type: 'line', color: '#005eb8', interpolate: 'step-after' },
        encoding: { x: { field: 'rank', type: 'quantitative', title: 'sites disposed of, in programme order' },
          y: { field: 'v', type: 'quantitative', title: unit } },
      }, `Cumulative, the first n sites of the programme (estate.disposal_candidates).`);
      const first20 = mine.slice(0, 20);
      const body = mine.length === 0 ? '<p>No site of this ICS has a disposal score.</p>' : `
<div class="kpis">${kpi('ICS', fig('ics-name', esc(ics.ics_name)))}${kpi('strongest candidate', fig('top-candidate-name', esc(top.site_name)))}${kpi('its score (0-100)', fig('top-candidate-score', esc(top.score)))}${kpi('dispose / review / retain', `${count('dispose')} / ${count('review')} / ${count('retain')}`)}${kpi('the whole programme releases', `${grouped(mine[mine.length - 1].floor_m2)} m²`)}</div>
<div class="charts">
${await chart({
    title: 'Disposal score, the 20 strongest candidates', width: 300, height: first20.length * 16,
    data: { values: first20.map((r) => ({ site: `${r.programme_rank}. ${r.site_name}`, score: num(r.score), recommendation: r.recommendation })) },
    mark: 'bar',
    encoding: { y: { field: 'site', type: 'nominal', sort: null, title: null, axis: { labelLimit: 240 } },
      x: { field: 'score', type: 'quantitative', title: 'score', scale: { domain: [0, 100] } },
      color: { field: 'recommendation', type: 'nominal', scale: REC } },
  }, 'Higher: a stronger candidate, over the criteria known (space, condition, suitability, running cost, carbon).')}
${await curve('floor_m2', 'Floor area released', 'm²')}
${await curve('backlog_m', 'Backlog avoided', '£m')}
${await curve('running_m', 'Running cost saved a year', '£m a year')}
${await curve('carbon_t', 'Carbon saved a year', 't CO2e a year')}
</div>
<h3>The programme, strongest first</h3>
${table([{ t: '#', n: 1 }, { t: 'site' }, { t: 'trust' }, { t: 'type' }, { t: 'score', n: 1 }, { t: 'recommendation' }, { t: 'why' },
    { t: 'floor area so far', n: 1 }, { t: 'backlog avoided so far', n: 1 }],
  first20.map((r) => [r.programme_rank, esc(r.site_name), esc(r.trust_name), esc(r.site_type_normalised), esc(r.score),
    esc(r.recommendation), esc(r.reasons), `${grouped(r.floor_m2)} m² (${pct(r.floor_share)})`, money(r.backlog_m)]))}
<p class="note">${mine.length} sites of the ICS returned in ${esc(latest.year_label)} and have a score; the table shows the first ${first20.length}. Scores and reasons come from estate.disposal_assessment with its default weights; a recommendation is a prompt for a review, not a decision.</p>`;
      write(`disposal/${ics.ics_code}.html`, page({ ...common, ics: { code: ics.ics_code }, id: 'disposal', depth: 1,
        title: `Disposal candidates: ${ics.ics_name}`,
        question: 'Which sites should we look at disposing of first, why, and what would a programme release?', body }));
    }
  }

  // 5. Carbon and net zero.
  {
    const firstYear = england[0].financial_year;
    const heat = icsRows.filter((r) => r.carbon !== null).map((r) => ({ ics: short(r.ics_name), year: r.year_label, kg: num(r.carbon) }));
    const heatmap = await chart({
      title: 'kg CO2e per m² by ICS and year', width: 3 * 60, height: icsLatest.length * 13, data: { values: heat },
      mark: 'rect',
      encoding: { x: { field: 'year', type: 'ordinal', title: null }, y: { field: 'ics', type: 'nominal', title: null, axis: { labelLimit: 260 } },
        color: { field: 'kg', type: 'quantitative', title: 'kg CO2e/m²', scale: { scheme: 'oranges' } } },
    }, 'Carbon of the energy consumed over the floor area of the sites with a figure (estate.ics_summary).');
    for (const ics of icsLatest) {
      const mine = icsRows.filter((r) => r.ics_code === ics.ics_code);
      const lines = [];
      const paths = [];
      const who2 = short(ics.ics_name);
      const colours = { domain: [who2, `${who2}: straight to zero`, 'England', 'England: straight to zero'],
        range: ['#d5281b', '#f0a39c', '#212b32', '#aeb7bd'] };
      for (const [who, rows] of [[who2, mine], ['England', england]]) {
        const known = rows.filter((r) => r.carbon !== null);
        for (const r of known) lines.push({ who, year: r.financial_year, kg: num(r.carbon) });
        const start = known.find((r) => r.financial_year === firstYear) || known[0];
        if (start) {
          paths.push({ who: `${who}: straight to zero`, year: start.financial_year, kg: num(start.carbon) });
          paths.push({ who: `${who}: straight to zero`, year: NET_ZERO_YEAR, kg: 0 });
        }
      }
      const body = `
<div class="kpis">${kpi('ICS', fig('ics-name', esc(ics.ics_name)))}${mine.map((r) => kpi(`kg CO2e per m², ${r.year_label}`, fig(`ics-carbon-${r.financial_year}`, r.carbon === null ? '–' : grouped(r.carbon)))).join('')}${kpi(`England, ${latest.year_label}`, grouped(latest.carbon))}</div>
<div class="charts">
${await chart({
    title: `kg CO2e per m² against a straight path to zero in ${NET_ZERO_YEAR}`, width: 460, height: 260,
    layer: [
      { data: { values: paths }, mark: { type: 'line', strokeDash: [5, 4] },
        encoding: { x: { field: 'year', type: 'quantitative', title: 'year (financial year starting)', axis: { format: 'd' }, scale: { domain: [firstYear, NET_ZERO_YEAR], nice: false } },
          y: { field: 'kg', type: 'quantitative', title: 'kg CO2e per m²' }, color: { field: 'who', type: 'nominal', title: null, scale: colours } } },
      { data: { values: lines }, mark: { type: 'line', point: true, strokeWidth: 3 },
        encoding: { x: { field: 'year', type: 'quantitative' }, y: { field: 'kg', type: 'quantitative' },
          color: { field: 'who', type: 'nominal' } } },
    ],
  }, `Dashed: from the first shipped year straight down to zero in ${NET_ZERO_YEAR}, the NHS's target for the emissions it controls directly; for reference, not a forecast.`)}
${heatmap}
</div>`;
      write(`carbon/${ics.ics_code}.html`, page({ ...common, ics: { code: ics.ics_code }, id: 'carbon', depth: 1,
        title: `Carbon and net zero: ${ics.ics_name}`,
        question: 'How much carbon does each square metre of our estate emit, and are we on a path to net zero?', body }));
    }
  }

  // 6. Data quality.
  {
    const completeness = await q(`
      SELECT kind, year_label, column_name, collected, round(filled_share * 100, 1) AS filled
      FROM estate.data_completeness ORDER BY kind, column_name, financial_year`);
    const counts = await q(`
      SELECT year_label, level, finding, count(*) AS n, sum(sites) AS sites, ${M('sum(backlog_gbp)', 'backlog_m')}
      FROM estate.data_quality GROUP BY financial_year, year_label, level, finding ORDER BY financial_year, level, finding`);
    const heat = (kind) => {
      const rows = completeness.filter((c) => c.kind === kind && c.collected);
      const columns = new Set(rows.map((r) => r.column_name));
      return chart({
        title: `Completeness of the ${kind} returns`, width: 3 * 50, height: columns.size * 11,
        data: { values: rows.map((r) => ({ year: r.year_label, column: r.column_name, filled: num(r.filled) })) },
        mark: 'rect',
        encoding: { x: { field: 'year', type: 'ordinal', title: null }, y: { field: 'column', type: 'nominal', title: null, axis: { labelFontSize: 9 } },
          color: { field: 'filled', type: 'quantitative', title: '% filled', scale: { scheme: 'blues', domain: [0, 100] } } },
      }, `Share of ${kind} returns with a figure (Not Applicable counts as filled), for the columns collected that year (estate.data_completeness).`);
    };
    const body = `
<div class="charts">
${await chart({
    title: 'Findings by year', width: 300, height: 240,
    data: { values: counts.map((c) => ({ year: c.year_label, finding: c.finding, n: Number(c.n) })) },
    mark: 'bar',
    encoding: { x: { field: 'year', type: 'ordinal', title: 'financial year' }, y: { field: 'n', type: 'quantitative', title: 'findings' },
      color: { field: 'finding', type: 'nominal', scale: { scheme: 'tableau10' } } },
  }, 'Findings on the returns (estate.data_quality): outliers, negative values, sites added or removed, missing or unmapped trusts, jumps.')}
${await heat('site')}
${await heat('trust')}
</div>
${table([{ t: 'year' }, { t: 'level' }, { t: 'finding' }, { t: 'findings', n: 1 }, { t: 'sites', n: 1 }, { t: 'backlog affected', n: 1 }],
  counts.map((c) => [esc(c.year_label), esc(c.level), esc(c.finding), c.n, c.sites ?? '–', money(c.backlog_m)]))}`;
    write('quality.html', page({ ...common, id: 'quality', depth: 0, title: 'Data quality',
      question: 'How complete are the returns behind these figures, and what looks wrong in them?', body }));
  }
  await db.end();
}

main().then(() => {
  let bytes = 0, files = 0;
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else { bytes += fs.statSync(p).size; files += 1; }
  } };
  walk(out);
  console.log(`built ${files} pages into ${out} (${(bytes / 1048576).toFixed(1)} MB; ${(timing.sql / 1000).toFixed(1)} s in SQL, ${(timing.charts / 1000).toFixed(1)} s rendering charts)`);
}).catch((err) => {
  console.error(`dashboard build failed: ${err.message}`);
  process.exit(1);
});
