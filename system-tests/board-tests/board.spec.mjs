// Drives the task board in Debian's headless chromium (never a downloaded browser) against a real gateway, director
// and swarm started by BoardIT. Exits non-zero on the first failed step, any serious/critical axe violation or any
// browser console error the step did not provoke on purpose.
//
// Env: ATQ_BOARD_URL (http://127.0.0.1:PORT/), ATQ_TOKEN (a submitter), ATQ_OTHER_TOKEN (another submitter),
//      ATQ_SCREENSHOTS (folder), CHROMIUM (default /usr/bin/chromium).
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const url = process.env.ATQ_BOARD_URL ?? 'http://127.0.0.1:8080/';
const token = process.env.ATQ_TOKEN ?? 'team-a-token';
const otherToken = process.env.ATQ_OTHER_TOKEN ?? 'team-b-token';
const shots = process.env.ATQ_SCREENSHOTS ?? 'target/board-screenshots';
const LIVE = 120_000;

const problems = [];
let allowedStatuses = new Set();
const step = (name) => console.log(`[board] ${name}`);
function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function axe(page, what) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) problems.push(`axe ${what}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  step(`axe on ${what}: ${result.violations.length} violations, ${bad.length} serious or critical`);
}

async function fitsWidth(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${what} is ${width} px wide at a 390 px viewport`);
}

async function signIn(page, value, landsOn = 'Tasks') {
  await page.getByLabel('API token').fill(value);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: landsOn, level: 2 }).waitFor();
}

async function submitForm(page, { name, replicas = '1', masterArgs = { MODE: 'master' }, workerArgs = {}, thresholds = '' }) {
  await page.getByRole('link', { name: 'Submit', exact: true }).click();
  await page.locator('#field-name').waitFor();
  await page.locator('#field-name').fill(name);
  await page.locator('#field-workers-image').selectOption('atq/demo-worker:1');
  await page.locator('#field-workers-args-MODE').fill('node');
  for (const [arg, value] of Object.entries(workerArgs)) await page.locator(`#field-workers-args-${arg}`).fill(value);
  await page.locator('#field-workers-replicas').fill(replicas);
  await page.locator('#field-workers-port').fill('8080');
  await page.locator('#field-master-image').selectOption('atq/demo-master:1');
  for (const [arg, value] of Object.entries(masterArgs)) await page.locator(`#field-master-args-${arg}`).fill(value);
  await page.locator('#field-timeout').fill('PT10M');
  await page.locator('#field-labels').fill('source:board-test');
  if (thresholds) await page.locator('#field-thresholds').fill(thresholds);
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
}

async function submitAndOpen(page, spec) {
  await submitForm(page, spec);
  await page.waitForURL(/#\/tasks\/[0-9a-f-]+$/);
  await page.getByRole('heading', { name: spec.name, level: 2 }).waitFor();
  return decodeURIComponent(page.url().split('#/tasks/')[1]);
}

async function main() {
  await rm(shots, { recursive: true, force: true });
  await mkdir(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const status = message.text().match(/status of (\d{3})/)?.[1];
    if (status && allowedStatuses.has(Number(status))) return;
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  try {
    step('sign in');
    await page.goto(url);
    await signIn(page, token);
    await page.evaluate(() => { window.atqNotReloaded = true; });

    step('submit the demo task through the form and watch it reach SUCCEEDED live');
    // Its worker writes 600 k6 samples (SAMPLES): the task page then shows the merged results and their series.
    const demo = await submitAndOpen(page, { name: 'board-demo', workerArgs: { SAMPLES: '600' },
      thresholds: '[{"metric": "p95", "below": "PT10S"}]' });
    await page.locator('.task-status', { hasText: 'SUCCEEDED' }).waitFor({ timeout: LIVE });
    check(await page.evaluate(() => window.atqNotReloaded === true), 'the page was reloaded');

    step('run it again with a new Idempotency-Key');
    await page.getByRole('button', { name: 'Run again' }).click();
    await page.waitForURL((u) => u.hash.startsWith('#/tasks/') && !u.hash.endsWith(demo));
    await page.locator('.task-status', { hasText: 'SUCCEEDED' }).waitFor({ timeout: LIVE });
    await page.goto(`${url}#/tasks/${demo}`);
    await page.locator('.task-status', { hasText: 'SUCCEEDED' }).waitFor();
    await page.evaluate(() => { window.atqNotReloaded = true; });

    step('timeline and master log');
    const phases = await page.locator('.timeline-list .phase-name').allTextContents();
    check(phases.includes('RUNNING') && phases.at(-1) === 'SUCCEEDED', `timeline phases: ${phases}`);
    await page.locator('pre.log').first().filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });

    step('the merged results: the threshold held, and the per-second chart');
    await page.getByRole('heading', { name: 'Merged results' }).waitFor();
    await page.getByRole('row', { name: /p95 of all samples below 10000\.0 ms: was [\d.]+ ms, held\s*yes/ }).waitFor();
    await page.locator('svg.series-chart').waitFor();
    const bars = await page.locator('svg.series-chart rect.bar-requests').count();
    check(bars > 0, `the series chart has no request bar`);

    step("the demo master's results/summary.json, as the view carries it");
    await page.getByRole('row', { name: /^samples\s*\d+/ }).waitFor();
    await page.getByRole('row', { name: /metrics\.workers_reached\s*\d/ }).waitFor();
    step('the files in results/');
    await page.getByRole('row', { name: /results\/summary\.json\s*\d+ B/ }).waitFor();
    await page.getByRole('row', { name: /results\/result\.txt\s*\d+ B/ }).waitFor();

    step('download the artifacts');
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', { name: /Download artifacts/ }).click()]);
    const zip = readFileSync(await download.path());
    check(download.suggestedFilename().endsWith('.zip'), `download named ${download.suggestedFilename()}`);
    check(zip.length > 22 && zip[0] === 0x50 && zip[1] === 0x4b, `the download is not a zip (${zip.length} bytes)`);

    await page.getByRole('button', { name: 'Worker 1 log' }).or(page.locator('summary', { hasText: 'Worker 1 log' })).first().click();
    await page.locator('details[open] pre.log').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    await axe(page, 'the task page');
    await page.screenshot({ path: `${shots}/task-desktop.png`, fullPage: true });

    step('webhook deliveries, when the API has them, are shown');
    // The demo task has no callback: the answer is made up on the way to the page.
    await page.route(`**/v1/tasks/${demo}/deliveries`, (route) => route.fulfill({ json: [{ webhookId: `msg_${demo}_SUCCEEDED`,
      phase: 'SUCCEEDED', attempt: 1, at: new Date().toISOString(), status: 204, error: null, outcome: 'delivered' }] }));
    await page.evaluate(() => { location.hash = '#/'; });
    await page.evaluate((id) => { location.hash = `#/tasks/${id}`; }, demo);
    await page.getByRole('row', { name: /SUCCEEDED\s*1\s.*204\s*delivered/ }).waitFor();
    await page.unrouteAll();

    step('the list shows the task');
    await page.getByRole('link', { name: '← All tasks' }).click();
    const row = page.locator(`table.tasks tbody tr:has(a[href="#/tasks/${demo}"])`);
    await row.locator('.phase', { hasText: 'SUCCEEDED' }).waitFor();
    check(!/null|undefined/.test(await row.textContent()), `row text: ${await row.textContent()}`);
    await axe(page, 'the task list');
    await page.screenshot({ path: `${shots}/list-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${shots}/list-390.png`, fullPage: true });
    await fitsWidth(page, 'the list');
    await row.getByRole('link', { name: 'board-demo' }).click();
    await page.locator('.task-status', { hasText: 'SUCCEEDED' }).waitFor();
    await page.screenshot({ path: `${shots}/task-390.png`, fullPage: true });
    await fitsWidth(page, 'the task page');
    await page.setViewportSize({ width: 1280, height: 900 });

    step('recent runs');
    await page.getByRole('link', { name: 'Recent runs' }).click();
    await page.locator('.verdicts li', { hasText: 'SUCCEEDED' }).filter({ hasText: /^[1-9]/ }).waitFor();
    await page.locator('svg.runs-chart rect.bar-running').first().waitFor();
    await axe(page, 'recent runs');
    await page.screenshot({ path: `${shots}/runs-desktop.png`, fullPage: true });

    step('cancel a long-running task through the confirmation');
    await submitAndOpen(page, { name: 'board-long', masterArgs: { MODE: 'master', DURATION: '120' } });
    await page.getByRole('link', { name: '← All tasks' }).click();
    const long = page.locator('table.tasks tbody tr', { hasText: 'board-long' });
    await long.locator('.phase', { hasText: 'RUNNING' }).waitFor({ timeout: LIVE }); // the list's polling shows it
    check(await page.evaluate(() => window.atqNotReloaded === true), 'the list was reloaded');
    await long.getByRole('link', { name: 'board-long' }).click();
    await page.locator('.task-status', { hasText: 'RUNNING' }).waitFor({ timeout: LIVE });
    await page.getByRole('button', { name: 'Cancel task' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel the task' }).click();
    await page.locator('.task-status', { hasText: 'CANCELLED' }).waitFor({ timeout: LIVE });

    step('a refused form shows the error next to its field');
    allowedStatuses = new Set([400]);
    await submitForm(page, { name: 'board-bad', replicas: '999' });
    const error = page.locator('#field-workers-replicas-error');
    await error.waitFor();
    check(/replicas|between/.test(await error.textContent()), `replicas error: ${await error.textContent()}`);
    const replicas = page.locator('#field-workers-replicas');
    check((await replicas.getAttribute('aria-describedby')).includes('field-workers-replicas-error'), 'aria-describedby');
    check(await replicas.getAttribute('aria-invalid') === 'true', 'aria-invalid');
    await page.locator('#submit-problem .problem').waitFor();
    await page.screenshot({ path: `${shots}/submit-refused.png`, fullPage: true });
    allowedStatuses = new Set();

    step('a refused token brings the sign-in form back with the reason');
    allowedStatuses = new Set([401]);
    await page.evaluate(() => sessionStorage.setItem('atq.board.token', 'not-a-token'));
    await page.getByRole('link', { name: 'Recent runs' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('.problem', { hasText: '401' }).waitFor();
    allowedStatuses = new Set();
    await signIn(page, token, 'Recent runs'); // back where the refusal happened
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.getByRole('heading', { name: 'Tasks', level: 2 }).waitFor();
    // Keyboard: focus starts on the view's heading, Tab reaches its first control, Enter follows it.
    check(await page.evaluate(() => document.activeElement?.textContent) === 'Tasks', 'focus after navigation');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement?.textContent) === 'Submit a task', 'the first Tab stop');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Submit a task', level: 2 }).waitFor();
    check(await page.evaluate(() => document.activeElement?.textContent) === 'Submit a task', 'focus on the form heading');

    step('another submitter sees neither the task in the list nor its page');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, otherToken);
    await page.locator('.empty, table.tasks tbody tr').first().waitFor();
    check(!(await page.locator('table.tasks').textContent()).includes('board-demo'), "the other client's task is listed");
    allowedStatuses = new Set([404]);
    await page.goto(`${url}#/tasks/${demo}`);
    await page.getByRole('heading', { name: 'Task not found' }).waitFor();
    allowedStatuses = new Set();
  } catch (error) {
    problems.push(`step failed: ${error.stack ?? error}`);
    await page.screenshot({ path: `${shots}/failure.png`, fullPage: true }).catch(() => {});
  } finally {
    await browser.close();
  }
  for (const problem of problems) console.error(`[board] FAIL ${problem}`);
  step(problems.length ? `${problems.length} problems` : 'all steps passed');
  process.exit(problems.length ? 1 : 0);
}

await main();
