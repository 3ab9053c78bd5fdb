// Pieces of the task page that only draw: the phase timeline, the details (workers, nodes, images, evidence,
// summary, merged results and thresholds) and a log panel.
import { aborted, ApiError } from './api.js';
import { duration, h, isTerminal } from './dom.js';

/** The phases from the view's history as one horizontal bar of segments, each as long as the phase lasted, and a list. */
export function timeline(view, now = Date.now()) {
  const entries = view.history.map((entry, i) => {
    const next = view.history[i + 1];
    const end = next ? Date.parse(next.at) : isTerminal(entry.phase) ? Date.parse(entry.at) : now;
    return { phase: entry.phase, at: entry.at, ms: end - Date.parse(entry.at), current: !next && !isTerminal(entry.phase) };
  });
  const total = entries.reduce((sum, e) => sum + e.ms, 0);
  const bar = h('div', { class: 'timeline-bar', 'aria-hidden': 'true' }, entries.filter((e) => e.ms > 0).map((e) => {
    const segment = h('span', { class: `segment seg-${e.phase.toLowerCase()}`, title: `${e.phase} ${duration(e.ms)}` });
    segment.style.flexGrow = String(e.ms); // CSSOM, which the page's style-src policy allows (inline style="" it does not)
    return segment;
  }));
  const list = h('ol', { class: 'timeline-list' }, entries.map((e) => h('li', {},
    h('span', { class: `swatch seg-${e.phase.toLowerCase()}`, 'aria-hidden': 'true' }),
    h('span', { class: 'phase-name' }, e.phase.replaceAll('_', ' ')),
    h('span', { class: 'phase-duration' }, isTerminal(e.phase) ? new Date(e.at).toLocaleTimeString()
      : `${duration(e.ms)}${e.current ? ' so far' : ''}`))));
  return h('div', { class: 'timeline' }, bar, list, h('p', { class: 'help' }, `Total ${duration(total)}.`));
}

/**
 * The view's facts: request, workers with addresses and nodes, images, evidence, labels, the summary if any, and the
 * merged results with every threshold's outcome once the task ended.
 */
export function details(view) {
  const { request } = view;
  const rows = [
    ['Id', view.id],
    ['Client', view.client],
    ['Submitted', new Date(view.createdAt).toLocaleString()],
    ['Workers', `${request.workers.replicas} × ${request.workers.image}${request.workers.port ? ` on port ${request.workers.port}` : ''}`],
    ['Master', request.master.image],
    ['Timeout', request.timeout],
    ['Thresholds', (request.thresholds ?? []).map(thresholdText).join('; ')],
    ['Director', view.director],
    ['Labels', Object.entries(view.labels ?? {}).map(([k, v]) => `${k}:${v}`).join(', ')],
    ['Evidence', view.evidence ? (view.evidence.complete ? 'complete' : view.evidence.problems.join('; ')) : null],
  ].filter(([, value]) => value !== null && value !== undefined && value !== '');
  const parts = [h('section', { 'aria-labelledby': 'facts-heading' }, h('h3', { id: 'facts-heading' }, 'Details'),
    h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])))];
  const addresses = view.workers?.addresses ?? [];
  const nodes = Object.entries(view.nodes ?? {});
  if (addresses.length || nodes.length) {
    parts.push(h('section', { 'aria-labelledby': 'workers-heading' }, h('h3', { id: 'workers-heading' }, 'Workers and nodes'),
      addresses.length ? h('p', {}, `Addresses: ${addresses.join(', ')}`) : null,
      nodes.length ? h('ul', { class: 'nodes' }, nodes.map(([role, node]) => h('li', {}, `${role} on ${node}`))) : null));
  }
  if (view.summary && typeof view.summary === 'object') parts.push(summaryTable(view.summary));
  if (view.results && typeof view.results === 'object') parts.push(mergedResults(view.results));
  return parts;
}

/** A threshold as requested: `p95 of checkout below PT0.5S`. */
function thresholdText(t) {
  const bound = t.below !== undefined ? `below ${t.below}` : `above ${t.above}`;
  return `${t.metric}${t.label === '*' ? '' : ` of ${t.label}`} ${bound}`;
}

/** The merged results' headline (every results file read) and a row per threshold: held or breached, and why. */
function mergedResults(results) {
  const latency = Object.entries(results.latencyMs ?? {}).map(([k, v]) => `${k} ${v.toLocaleString()} ms`).join(', ');
  const rows = [
    ['Samples', results.samples.toLocaleString()],
    ['Errors', `${results.errors.toLocaleString()} (${(results.errorRate * 100).toLocaleString()} %)`],
    ['Throughput', `${results.throughput.toLocaleString()}/s`],
    ['Latency', latency],
    ['Files read', String(results.filesRead)],
    ['Unreadable', (results.unreadable ?? []).join('; ')],
  ].filter(([, value]) => value !== '');
  const thresholds = results.thresholds ?? [];
  return h('section', { 'aria-labelledby': 'merged-heading' }, h('h3', { id: 'merged-heading' }, 'Merged results'),
    h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    thresholds.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'thresholds' },
      h('thead', {}, h('tr', {}, ['Threshold', 'Held'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, thresholds.map((t) => h('tr', {}, h('th', { scope: 'row' }, t.message),
        h('td', {}, t.passed ? 'yes' : 'no')))))) : null);
}

/** Any summary the view carries, its fields flattened (latency.p95 …); numbers formatted, other values as text. */
function summaryTable(summary) {
  const rows = [];
  const walk = (value, name) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, name ? `${name}.${key}` : key);
    } else if (value !== null && value !== undefined) {
      rows.push([name, typeof value === 'number' ? value.toLocaleString() : String(value)]);
    }
  };
  walk(summary, '');
  return h('section', { 'aria-labelledby': 'summary-heading' }, h('h3', { id: 'summary-heading' }, 'Summary'),
    h('table', { class: 'summary' }, h('tbody', {}, rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))))));
}

/**
 * A log in a scrollable, keyboard-focusable block. With `loader` it is a closed disclosure that loads on first open
 * (worker logs, read only when someone asks); without, the caller fills it (the master's log, followed live).
 */
export function logPanel(title, loader) {
  const pre = h('pre', { class: 'log', tabindex: '0', 'aria-label': title });
  const note = h('p', { class: 'help', 'aria-live': 'polite' });
  const panel = {
    clear: () => { pre.textContent = ''; note.textContent = ''; },
    append: (text) => {
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.append(text);
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    },
    done: () => { note.textContent = pre.textContent ? '' : 'The log is empty.'; },
    note: (text) => { note.textContent = text; pre.hidden = true; },
    fail: (error) => {
      note.textContent = error instanceof ApiError ? `${error.problem.title}: ${error.problem.detail ?? ''}` : String(error);
    },
  };
  if (!loader) {
    panel.section = h('section', { class: 'log-panel', 'aria-label': title }, h('h3', {}, title), pre, note);
    return panel;
  }
  const disclosure = h('details', { class: 'log-panel' }, h('summary', {}, title), pre, note);
  let loaded = false;
  disclosure.addEventListener('toggle', () => {
    if (!disclosure.open || loaded) return;
    loaded = true;
    note.textContent = 'Loading…';
    loader().then((text) => { panel.clear(); panel.append(text); panel.done(); })
      .catch((error) => { loaded = false; if (!aborted(error)) panel.fail(error); });
  });
  panel.section = disclosure;
  return panel;
}

/** The files the master wrote to /atq/results (GET …/results): path and size; they download with the artifacts zip. */
export function resultsTable(results) {
  const heading = h('h3', { id: 'results-heading' }, 'Results');
  if (!results.files.length) {
    return h('section', { 'aria-labelledby': 'results-heading' }, heading, h('p', {}, 'The master wrote no files to /atq/results.'));
  }
  return h('section', { 'aria-labelledby': 'results-heading' }, heading,
    h('div', { class: 'table-wrap' }, h('table', { class: 'results' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Size'))),
      h('tbody', {}, results.files.map((f) => h('tr', {}, h('th', { scope: 'row' }, `results/${f.path}`), h('td', {}, size(f.bytes))))))),
    results.truncated ? h('p', {}, 'More files than listed here: the artifacts zip holds them all.') : null);
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
