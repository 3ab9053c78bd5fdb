// The task list: newest first, paged with nextCursor, filtered by phase and label, refreshed every 2 s by polling.
import { aborted, api } from './api.js';
import { age, h, PHASES, phaseBadge, problemBlock, verdictText } from './dom.js';

const REFRESH_MS = 2000;
// Kept while the user visits a task and comes back.
const filters = { phase: '', label: '' };

export function mountList(main) {
  const controller = new AbortController();
  let cursors = [null]; // the cursor of every page up to the one shown; null = the newest page
  let timer = null;
  let shown = [];
  const rows = new Map();

  const phase = h('select', { id: 'filter-phase', name: 'phase' }, h('option', { value: '' }, 'any phase'),
    PHASES.map((p) => h('option', { value: p, selected: p === filters.phase }, p)));
  const label = h('input', { id: 'filter-label', name: 'label', type: 'text', placeholder: 'key:value',
    value: filters.label, 'aria-describedby': 'filter-label-help', autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter tasks' },
    h('div', { class: 'field' }, h('label', { for: 'filter-phase' }, 'Phase'), phase),
    h('div', { class: 'field' }, h('label', { for: 'filter-label' }, 'Label'), label,
      h('span', { id: 'filter-label-help', class: 'help' }, 'e.g. branch:main')),
    h('button', { type: 'submit' }, 'Filter'));
  const status = h('div', { class: 'status' });
  const tbody = h('tbody');
  const table = h('table', { class: 'tasks' },
    h('caption', { class: 'visually-hidden' }, 'Tasks, newest first'),
    h('thead', {}, h('tr', {}, ['Name', 'Client', 'Phase', 'Age', 'Workers', 'Verdict']
      .map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  const newer = h('button', { type: 'button', disabled: true }, 'Newer');
  const older = h('button', { type: 'button', disabled: true }, 'Older');
  const empty = h('p', { class: 'empty', hidden: true }, 'No tasks match.');

  main.append(h('section', { 'aria-labelledby': 'list-heading' },
    h('div', { class: 'title-row' }, h('h2', { id: 'list-heading', tabindex: '-1' }, 'Tasks'),
      h('a', { class: 'button', href: '#/submit' }, 'Submit a task')),
    form, status, h('div', { class: 'table-wrap' }, table), empty,
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, newer, older),
    h('p', { class: 'help' }, 'This list refreshes itself every 2 seconds.')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filters.phase = phase.value;
    filters.label = label.value.trim();
    cursors = [null];
    refresh();
  });
  older.addEventListener('click', () => { cursors.push(older.dataset.cursor); refresh(); });
  newer.addEventListener('click', () => { cursors.pop(); refresh(); });

  async function refresh() {
    clearTimeout(timer);
    const query = new URLSearchParams({ limit: '20' });
    if (filters.phase) query.set('phase', filters.phase);
    if (filters.label) query.set('label', filters.label);
    const cursor = cursors.at(-1);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await api(`/v1/tasks?${query}`, { signal: controller.signal });
      status.replaceChildren();
      render(page.items);
      older.disabled = !page.nextCursor;
      older.dataset.cursor = page.nextCursor ?? '';
      newer.disabled = cursors.length < 2;
      timer = setTimeout(refresh, REFRESH_MS);
    } catch (error) {
      if (aborted(error)) return;
      status.replaceChildren(problemBlock(error));
      // A refused filter stays refused: wait for the user to change it. Anything else is tried again.
      if (error.status !== 400) timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  function render(tasks) {
    const ids = tasks.map((t) => t.id);
    if (ids.join() !== shown.join()) {
      // Rows are rebuilt only when the set or order changes, so a focused link survives the refresh.
      rows.clear();
      tbody.replaceChildren(...tasks.map((t) => { const row = newRow(t); rows.set(t.id, row); return row.tr; }));
      shown = ids;
    }
    for (const task of tasks) rows.get(task.id).update(task);
    empty.hidden = tasks.length > 0;
  }

  refresh();
  return () => { controller.abort(); clearTimeout(timer); };
}

function newRow(task) {
  const cells = { client: cell('Client'), phase: cell('Phase'), age: cell('Age'), workers: cell('Workers'), verdict: cell('Verdict') };
  const name = h('th', { scope: 'row', 'data-label': 'Name' }, h('a', { href: `#/tasks/${encodeURIComponent(task.id)}` }, task.name));
  const tr = h('tr', {}, name, cells.client, cells.phase, cells.age, cells.workers, cells.verdict);
  let last = '';
  return {
    tr,
    update(t) {
      cells.age.textContent = age(t.createdAt);
      const signature = JSON.stringify([t.phase, t.queuedReason, t.workers, t.exitCode, t.failure, t.client]);
      if (signature === last) return;
      last = signature;
      cells.client.textContent = t.client ?? '';
      cells.phase.replaceChildren(phaseBadge(t.phase));
      if (t.phase === 'QUEUED' && t.queuedReason) cells.phase.append(h('span', { class: 'reason' }, t.queuedReason));
      const addresses = t.workers?.addresses?.length ?? 0;
      cells.workers.textContent = `${t.workers?.replicas ?? '–'}${addresses ? ` (${addresses} up)` : ''}`;
      cells.verdict.textContent = verdictText(t);
    },
  };
}

function cell(label) {
  return h('td', { 'data-label': label });
}
