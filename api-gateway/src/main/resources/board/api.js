// The gateway's /v1 API as the board uses it: the bearer token from sessionStorage on every call, RFC 9457 problems
// turned into ApiError, and text streams (the task's events, the master's log) read with fetch + ReadableStream,
// because EventSource cannot send an Authorization header.

const TOKEN_KEY = 'atq.board.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A refused call: the HTTP status and the problem the gateway sent (title, detail, errors[{field, message}]). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Whether an error only means the call was abandoned on purpose (the user left the page). */
export const aborted = (error) => error?.name === 'AbortError';

/**
 * Calls the API. JSON in and out unless `raw` (then the Response itself, for text, blobs and streams). A 401 signs
 * the user out and tells the app (event `atq:unauthorized`), which shows the sign-in form with the problem's detail.
 */
export async function api(path, { method = 'GET', body, headers = {}, signal, raw = false } = {}) {
  const sent = { Authorization: `Bearer ${session.token()}`, Accept: raw ? '*/*' : 'application/json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers: sent, signal, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await problemOf(response);
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { title: `HTTP ${response.status}`, detail: response.statusText || 'the gateway sent no details' };
  }
  const error = new ApiError(response.status, problem);
  if (response.status === 401) {
    session.signOut();
    window.dispatchEvent(new CustomEvent('atq:unauthorized', { detail: error }));
  }
  return error;
}

/** The response body as text chunks, as they arrive. */
export async function* chunks(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The response body line by line (without the line break). */
export async function* lines(response) {
  let buffer = '';
  for await (const chunk of chunks(response)) {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      yield buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
    }
  }
  if (buffer) yield buffer;
}

/** Server-sent events of `path` as {id, event, data}; comments (keep-alives) are skipped. Ends when the server closes. */
export async function* serverSentEvents(path, signal) {
  const response = await api(path, { raw: true, signal, headers: { Accept: 'text/event-stream' } });
  let event = { data: [] };
  for await (const line of lines(response)) {
    if (line === '') {
      if (event.data.length) yield { id: event.id, event: event.event ?? 'message', data: event.data.join('\n') };
      event = { data: [] };
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') event.data.push(value);
    else if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
  }
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
