// Building the page without innerHTML: every text from the API goes in as a text node, never as markup.

/** An HTML element: attributes (on* = listeners, true = present, null/false = absent) and children (nodes or text). */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element, the same way. */
export function svg(tag, attributes = {}, ...children) {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attributes, children);
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED'];
export const PHASES = ['QUEUED', 'PROVISIONING', 'STARTING_WORKERS', 'DISCOVERING', 'STARTING_MASTER', 'RUNNING',
  'COLLECTING', ...TERMINAL];

export const isTerminal = (phase) => TERMINAL.includes(phase);

/** A duration in milliseconds for people: "850 ms", "4.2 s", "3 min 5 s", "2 h 10 min". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** How long ago an ISO instant was, coarse: "12 s", "3 min", "5 h", "2 d". */
export function age(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

/** The phase as a badge people and screen readers read the same way. */
export function phaseBadge(phase) {
  return h('span', { class: `phase phase-${phase.toLowerCase()}` }, phase.replaceAll('_', ' '));
}

/** The verdict of a view in words: exit code and failure, or nothing before the end. */
export function verdictText(task) {
  if (!isTerminal(task.phase)) return '';
  const parts = [];
  if (task.exitCode !== null && task.exitCode !== undefined) parts.push(`exit ${task.exitCode}`);
  if (task.failure?.cause) parts.push(task.failure.cause);
  if (task.failure?.message) parts.push(task.failure.message);
  return parts.join(' · ');
}

/** A problem (ApiError) as a block: title, detail and each field error. */
export function problemBlock(error) {
  const problem = error.problem ?? { title: 'Error', detail: String(error.message ?? error) };
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, problem.title ?? 'Error'), problem.detail ? h('p', {}, problem.detail) : null,
    problem.errors?.length ? h('ul', {}, problem.errors.map((e) => h('li', {}, `${e.field}: ${e.message}`))) : null);
}

/** Says something to screen-reader users (the page's polite live region). */
export function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  // A new node after a tick, so the same text twice is read twice.
  setTimeout(() => { region.textContent = text; }, 50);
}
