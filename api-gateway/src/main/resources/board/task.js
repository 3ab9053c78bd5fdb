// One task: its phases live (the per-task SSE stream read with fetch), timeline, workers, logs, artifacts, webhook
// deliveries, a summary when the view has one, the merged results per second, Cancel (with a confirmation) and Run again.
import { aborted, api, ApiError, chunks, newIdempotencyKey, serverSentEvents } from './api.js';
import { announce, h, isTerminal, phaseBadge, problemBlock, verdictText } from './dom.js';
import { submitAgain } from './submit.js';
import { seriesChart } from './series.js';
import { details, logPanel, resultsTable, timeline } from './task-parts.js';

const POLL_MS = 2000;

export function mountTask(main, id) {
  const controller = new AbortController();
  const { signal } = controller;
  const path = `/v1/tasks/${encodeURIComponent(id)}`;
  let view = null;
  let pollTimer = null;
  let masterLogShown = false;

  const heading = h('h2', { id: 'task-heading', tabindex: '-1' }, 'Task');
  const status = h('p', { class: 'task-status' });
  const problem = h('div');
  const cancel = h('button', { type: 'button', class: 'danger', hidden: true }, 'Cancel task');
  const again = h('button', { type: 'button', hidden: true }, 'Run again');
  const download = h('button', { type: 'button', hidden: true }, 'Download artifacts (zip)');
  const timelineBox = h('div');
  const detailsBox = h('div');
  const masterLog = logPanel('Master log');
  const workerLogs = h('div');
  const dialog = h('dialog', { 'aria-labelledby': 'cancel-heading' },
    h('form', { method: 'dialog' },
      h('h3', { id: 'cancel-heading' }, 'Cancel this task?'),
      h('p', {}, 'Its containers are stopped and removed; what the master wrote to its results is kept.'),
      h('div', { class: 'actions' }, h('button', { value: 'keep', autofocus: true }, 'Keep it running'),
        h('button', { value: 'cancel', class: 'danger' }, 'Yes, cancel the task'))));

  main.append(h('article', { 'aria-labelledby': 'task-heading' },
    h('p', {}, h('a', { href: '#/' }, '← All tasks')), heading, problem, status,
    h('div', { class: 'actions' }, cancel, again, download),
    h('section', { 'aria-labelledby': 'timeline-heading' }, h('h3', { id: 'timeline-heading' }, 'Timeline'), timelineBox),
    detailsBox, masterLog.section, workerLogs, dialog));

  cancel.addEventListener('click', () => {
    dialog.returnValue = ''; // Escape keeps the last value: a refused cancel must not be confirmed by it
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'cancel') return cancel.focus();
    await act(() => api(path, { method: 'DELETE', signal }), 'Cancel requested.');
  });
  again.addEventListener('click', () => runAgain());
  download.addEventListener('click', () => act(saveArtifacts));

  async function act(action, done) {
    problem.replaceChildren();
    try {
      await action();
      if (done) announce(done);
    } catch (error) {
      if (!aborted(error)) problem.replaceChildren(problemBlock(error));
    }
  }

  async function load() {
    try {
      show(await api(path, { signal }));
    } catch (error) {
      if (aborted(error)) return;
      if (error instanceof ApiError && error.status === 404) {
        heading.textContent = 'Task not found';
        heading.focus();
      }
      problem.replaceChildren(problemBlock(error));
      return;
    }
    if (isTerminal(view.phase)) return finished();
    followMasterLog();
    followPhases();
  }

  function show(next) {
    const changed = view && view.phase !== next.phase;
    view = next;
    heading.textContent = view.name;
    status.replaceChildren('Phase ', phaseBadge(view.phase),
      view.queuedReason ? ` — ${view.queuedReason}` : '', verdictText(view) ? ` — ${verdictText(view)}` : '');
    if (changed) announce(`${view.name} is now ${view.phase.replaceAll('_', ' ')}`);
    const ended = isTerminal(view.phase);
    cancel.hidden = ended || view.cancelRequested;
    again.hidden = false;
    download.hidden = !ended;
    timelineBox.replaceChildren(timeline(view));
    detailsBox.replaceChildren(...details(view));
  }

  async function followPhases() {
    try {
      for await (const event of serverSentEvents(`${path}/events`, signal)) {
        // The stream replays the history first: the view already has those phases.
        if (event.event !== 'phase' || Number(event.id) < view.history.length) continue;
        const phase = JSON.parse(event.data).phase;
        if (phase !== view.phase) show(await api(path, { signal }));
      }
      show(await api(path, { signal }));
      if (isTerminal(view.phase)) finished();
      else poll();
    } catch (error) {
      if (!aborted(error)) poll(); // the stream broke: fall back to polling the view
    }
  }

  function poll() {
    pollTimer = setTimeout(async () => {
      try {
        show(await api(path, { signal }));
        if (isTerminal(view.phase)) finished();
        else poll();
      } catch (error) {
        if (!aborted(error)) poll();
      }
    }, POLL_MS);
  }

  async function followMasterLog() {
    masterLogShown = true;
    try {
      const response = await api(`${path}/logs?role=master&follow=true`, { raw: true, signal });
      masterLog.clear();
      for await (const text of chunks(response)) masterLog.append(text);
      masterLog.done();
    } catch (error) {
      if (!aborted(error)) masterLog.fail(error);
    }
  }

  async function finished() {
    const started = view.history.some((e) => e.phase === 'RUNNING' || e.phase === 'STARTING_MASTER');
    if (!masterLogShown && started) {
      masterLogShown = true;
      api(`${path}/logs?role=master`, { raw: true, signal }).then((r) => r.text())
        .then((text) => { masterLog.clear(); masterLog.append(text); masterLog.done(); })
        .catch((error) => { if (!aborted(error)) masterLog.fail(error); });
    } else if (!started && !masterLogShown) {
      masterLog.note('The master never started, so there is no master log.');
    }
    if (started) {
      workerLogs.replaceChildren(...Array.from({ length: view.request.workers.replicas }, (_, i) => {
        const slot = i + 1;
        const node = view.nodes?.[`worker-${slot}`];
        return logPanel(`Worker ${slot} log${node ? ` (on ${node})` : ''}`,
          () => api(`${path}/logs?role=worker&slot=${slot}`, { raw: true, signal }).then((r) => r.text())).section;
      }));
    }
    try {
      const results = await api(`${path}/results`, { signal });
      detailsBox.append(resultsTable(results));
      if (view.results?.samples) {
        const chart = seriesChart(await api(`${path}/summary`, { signal }));
        if (chart) detailsBox.append(chart);
      }
      const deliveries = await api(`${path}/deliveries`, { signal });
      if (deliveries.length) detailsBox.append(deliveriesTable(deliveries));
    } catch (error) {
      if (!aborted(error)) problem.replaceChildren(problemBlock(error));
    }
  }

  async function saveArtifacts() {
    const response = await api(`${path}/artifacts`, { raw: true, signal });
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: `atq-${view.id}.zip`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    announce('Artifacts downloaded.');
  }

  async function runAgain() {
    const { request } = view;
    const masked = [request.workers.args, request.master.args].some((args) => Object.values(args ?? {}).includes('***'));
    // Secret values are masked in the view: let the user type them again in the prefilled form.
    if (masked) return submitAgain(view);
    const body = { name: view.name, workers: { ...request.workers }, master: request.master, timeout: request.timeout };
    if (body.workers.port === null) delete body.workers.port;
    if (Object.keys(view.labels ?? {}).length) body.labels = view.labels;
    if (request.thresholds?.length) body.thresholds = request.thresholds;
    await act(async () => {
      const task = await api('/v1/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() }, signal });
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    });
  }

  // The current phase's bar grows while the task runs.
  const ticker = setInterval(() => { if (view && !isTerminal(view.phase)) timelineBox.replaceChildren(timeline(view)); }, 1000);
  load();
  return () => { controller.abort(); clearTimeout(pollTimer); clearInterval(ticker); };
}

function deliveriesTable(deliveries) {
  return h('section', { 'aria-labelledby': 'deliveries-heading' }, h('h3', { id: 'deliveries-heading' }, 'Webhook deliveries'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Phase', 'Attempt', 'At', 'Status', 'Outcome', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, deliveries.map((d) => h('tr', {}, h('td', {}, d.phase), h('td', {}, d.attempt),
        h('td', {}, new Date(d.at).toLocaleString()), h('td', {}, d.status ?? '–'), h('td', {}, d.outcome), h('td', {}, d.error ?? '')))))));
}
