// Recent runs: for the last 50 tasks, POST→RUNNING (createdAt to the RUNNING entry) and the total duration as bars,
// and how many ended in each verdict.
import { aborted, api } from './api.js';
import { duration, h, isTerminal, problemBlock, svg, TERMINAL } from './dom.js';

const ROW = 22;
const LABEL = 150;
const WIDTH = 640;

export function mountRuns(main) {
  const controller = new AbortController();
  const body = h('div', { 'aria-busy': 'true' });
  const refresh = h('button', { type: 'button' }, 'Refresh');
  main.append(h('section', { 'aria-labelledby': 'runs-heading' },
    h('div', { class: 'title-row' }, h('h2', { id: 'runs-heading', tabindex: '-1' }, 'Recent runs'), refresh), body));

  async function load() {
    try {
      const page = await api('/v1/tasks?limit=50', { signal: controller.signal });
      body.replaceChildren(...render(page.items));
    } catch (error) {
      if (!aborted(error)) body.replaceChildren(problemBlock(error));
    }
    body.removeAttribute('aria-busy');
  }
  refresh.addEventListener('click', load);
  load();
  return () => controller.abort();
}

/** The times of a view: to RUNNING and in total (ms), null when not reached. */
export function timings(task) {
  const created = Date.parse(task.createdAt);
  const running = task.history.find((e) => e.phase === 'RUNNING');
  const end = task.history.find((e) => isTerminal(e.phase));
  return { toRunning: running ? Date.parse(running.at) - created : null, total: end ? Date.parse(end.at) - created : null };
}

function render(tasks) {
  const counts = Object.fromEntries(TERMINAL.map((v) => [v, tasks.filter((t) => t.phase === v).length]));
  const verdicts = h('ul', { class: 'verdicts', 'aria-label': 'Verdicts of these tasks' },
    TERMINAL.map((v) => h('li', { class: `phase-${v.toLowerCase()}` }, h('strong', {}, String(counts[v])), ` ${v.replace('_', ' ')}`)));
  const rows = tasks.map((t) => ({ task: t, ...timings(t) })).filter((r) => r.total !== null || r.toRunning !== null);
  if (!rows.length) return [verdicts, h('p', {}, 'No task has reached RUNNING yet.')];
  const max = Math.max(...rows.map((r) => Math.max(r.total ?? 0, r.toRunning ?? 0)), 1);
  const scale = (ms) => Math.max(1, ((WIDTH - LABEL - 110) * ms) / max);
  const chart = svg('svg', { class: 'runs-chart', viewBox: `0 0 ${WIDTH} ${rows.length * ROW + 24}`, role: 'img',
    'aria-labelledby': 'runs-chart-title' },
  svg('title', { id: 'runs-chart-title' }, `POST to RUNNING and total duration of the last ${rows.length} tasks`),
  rows.map((r, i) => {
    const y = i * ROW + 20;
    return svg('g', {},
      svg('text', { x: 0, y: y + 12, class: 'chart-label' }, r.task.name.slice(0, 22)),
      r.total !== null ? svg('rect', { x: LABEL, y, width: scale(r.total), height: 14, class: 'bar-total' }) : null,
      r.toRunning !== null ? svg('rect', { x: LABEL, y: y + 4, width: scale(r.toRunning), height: 6, class: 'bar-running' }) : null,
      svg('text', { x: LABEL + scale(Math.max(r.total ?? 0, r.toRunning ?? 0)) + 4, y: y + 12, class: 'chart-value' },
        `${duration(r.toRunning)} / ${duration(r.total)}`));
  }),
  svg('text', { x: LABEL, y: 12, class: 'chart-legend' }, 'thin: POST→RUNNING · wide: total (to RUNNING / total)'));
  const table = h('details', {}, h('summary', {}, 'The numbers as a table'),
    h('table', {}, h('thead', {}, h('tr', {}, ['Task', 'Verdict', 'POST→RUNNING', 'Total'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, h('a', { href: `#/tasks/${encodeURIComponent(r.task.id)}` }, r.task.name)),
        h('td', {}, r.task.phase), h('td', {}, duration(r.toRunning)), h('td', {}, duration(r.total)))))));
  return [verdicts, h('figure', {}, chart, h('figcaption', {}, 'Thin bar: submission to RUNNING; wide bar: submission to the verdict.')), table];
}
