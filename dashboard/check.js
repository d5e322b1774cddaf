'use strict';
// The dashboard in a real browser: headless Chromium (Debian's, driven by
// playwright-core) opens every page of a built site and the figures on the
// pages are compared with SQL run here, at the precision the page shows.
// Writes a screenshot of each page of the menu to SHOTS_DIR.  TAP output.
//   node check.js SITE_DIR SHOTS_DIR      (PG* variables: the database built from)
// CHROMIUM names the browser (default /usr/bin/chromium).
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');
const { chromium } = require('playwright-core');
const { start } = require('./serve');

const [siteDir, shotsDir] = process.argv.slice(2);
if (!siteDir || !shotsDir) {
  console.error('usage: node check.js SITE_DIR SHOTS_DIR');
  process.exit(2);
}

let n = 0;
let failed = 0;
function ok(cond, what, ...diag) {
  n += 1;
  if (!cond) failed += 1;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) for (const d of diag) console.log(`#   ${d}`);
}
const is = (got, want, what) => ok(got === want, what, `got:      ${got}`, `expected: ${want}`);

function htmlFiles(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) return htmlFiles(dir, r);
    return e.name.endsWith('.html') ? [r] : [];
  }).sort();
}

// What a page shows as £…m, from SQL: rounded to £0.1m, grouped in thousands.
const MONEY = (expr) => `'£' || to_char(round((${expr}) / 1e6, 1), 'FM999,999,990.0') || 'm'`;

async function main() {
  const db = new Client();
  await db.connect();
  const one = async (sql, params) => (await db.query(sql, params)).rows[0];

  const server = await start(siteDir, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`request to another host: ${r.url()}`); });
  const text = (name) => page.locator(`[data-figure="${name}"]`).first().innerText();

  // Every page: loads cleanly, every chart an SVG of non-zero size with data marks.
  const pages = htmlFiles(siteDir);
  ok(pages.length > 6, `the site has ${pages.length} pages`);
  for (const rel of pages) {
    problems = [];
    await page.goto(base + rel, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart > svg', (svgs) => svgs.map((s) => {
      const box = s.getBoundingClientRect();
      const marks = s.querySelectorAll('g.role-mark:is(.mark-rect, .mark-line, .mark-symbol, .mark-area, .mark-path) > *').length;
      return { w: box.width, h: box.height, marks };
    }));
    const bad = charts.filter((c) => !(c.w > 0 && c.h > 0 && c.marks > 0));
    ok(problems.length === 0 && charts.length > 0 && bad.length === 0,
      `${rel}: no console error, no failed request, ${charts.length} charts, each an SVG of non-zero size with data marks`,
      ...problems, ...bad.map((c) => `chart ${c.w}x${c.h} with ${c.marks} data marks`));
  }

  // The England figures of every shipped year.
  await page.goto(base + 'index.html');
  for (const r of (await db.query(`SELECT financial_year, ${MONEY('backlog_total_gbp')} AS backlog, ${MONEY('critical_infrastructure_risk_gbp')} AS cir
                                   FROM estate.england_summary ORDER BY financial_year`)).rows) {
    is(await text(`england-backlog-${r.financial_year}`), r.backlog, `England's backlog of ${r.financial_year}/${(r.financial_year + 1) % 100} is SQL's, ${r.backlog}`);
    is(await text(`england-cir-${r.financial_year}`), r.cir, `England's critical infrastructure risk of ${r.financial_year}/${(r.financial_year + 1) % 100} is SQL's, ${r.cir}`);
  }

  // One ICS: its CIR, then the selector moves to another ICS and the figures change.
  const latest = (await one('SELECT max(financial_year) AS fy FROM estate.england_summary')).fy;
  const icsCir = (code) => one(`SELECT ics_name, ${MONEY('critical_infrastructure_risk_gbp')} AS cir FROM estate.ics_summary
                               WHERE financial_year = $1 AND ics_code = $2`, [latest, code]);
  await page.goto(base + 'index.html');
  const first = (await page.locator('nav a', { hasText: 'One ICS' }).getAttribute('href')).match(/ics\/(\w+)\.html/)[1];
  await page.goto(`${base}ics/${first}.html`);
  const want = await icsCir(first);
  is(await text('ics-name'), want.ics_name, `ics/${first}.html is about ${want.ics_name}`);
  is(await text('ics-cir'), want.cir, `and shows its critical infrastructure risk as SQL has it, ${want.cir}`);
  const other = await page.$eval('#ics', (s) => [...s.options].find((o) => !o.selected).value);
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/ics/${other}`)), page.selectOption('#ics', other)]);
  const otherCode = other.replace('.html', '');
  const want2 = await icsCir(otherCode);
  is(await text('ics-name'), want2.ics_name, `the ICS selector moves to ${want2.ics_name}`);
  is(await text('ics-cir'), want2.cir, `whose critical infrastructure risk is SQL's, ${want2.cir}`);
  ok(want2.cir !== want.cir, `the figure changed with the selection (${want.cir} -> ${want2.cir})`);

  // Investment: the year-10 CIR under the middle budget, planned here in SQL.
  await page.goto(`${base}investment/${first}.html`);
  const budget = await text('plan-budget-mid');
  const budgetGbp = Number(budget.replace(/[£m,]/g, '')) * 1e6;
  const plan = await one(`
    SELECT ${MONEY('y.critical_infrastructure_risk')} AS cir, y.year
    FROM (SELECT estate.plan_investment(i.item_id, i.band::estate.risk_band, i.cost_gbp,
                   estate.investment_scenario(from_year => $1, annual_budget => $3, inflation => 0.03)) AS plan
          FROM estate.eric_backlog_items AS i
          JOIN estate.site_summary AS s
            ON s.financial_year = i.financial_year AND s.trust_code = i.trust_code AND s.site_code = i.site_code
          WHERE i.financial_year = $1 AND s.ics_code = $2) AS p,
         estate.plan_years(p.plan) AS y
    WHERE y.year = $1 + 9`, [latest, first, budgetGbp]);
  is(await text('ics-cir'), want.cir, `investment/${first}.html starts from the ICS's CIR, ${want.cir}`);
  is(await text('plan-last-year'), String(plan.year), `its last year is year 10 of the plan, ${plan.year}`);
  is(await text('plan-cir-end-mid'), plan.cir, `its CIR in year 10 at ${budget} a year is SQL's, ${plan.cir}`);

  // Disposal: the ICS's strongest candidate, its name and score.
  await page.goto(`${base}disposal/${first}.html`);
  const top = await one(`SELECT site_name, to_char(score, 'FM990.00') AS score FROM estate.disposal_candidates
                         WHERE ics_code = $1 AND programme_rank = 1`, [first]);
  is(await text('top-candidate-name'), top.site_name, `disposal/${first}.html names the ICS's strongest candidate as SQL does, ${top.site_name}`);
  is(await text('top-candidate-score'), top.score, `with SQL's score, ${top.score}`);

  // Screenshots of the pages the menu names (the first ICS where a page has a selector).
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.goto(base + 'index.html');
  const menu = await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
  for (const [i, rel] of menu.entries()) {
    problems = [];
    await page.goto(base + rel);
    ok(problems.length === 0, `the menu's ${rel} opens`, ...problems);
    const file = path.join(shotsDir, `${i + 1}-${rel.split('/')[0].replace('.html', '')}.png`);
    await page.screenshot({ path: file });
    ok(fs.statSync(file).size > 0, `screenshot of ${rel}: ${file}`);
  }

  await browser.close();
  server.close();
  await db.end();
  console.log(`1..${n}`);
  if (failed) console.log(`# ${failed} of ${n} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.log(`not ok ${n + 1} - the check ran to its end`);
  console.log(`#   ${String(err.stack || err).split('\n').join('\n#   ')}`);
  console.log(`1..${n + 1}`);
  process.exit(1);
});
