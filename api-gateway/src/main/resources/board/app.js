// The board's entry point: sign-in, the hash routes (#/, #/submit, #/runs, #/tasks/<id>) and sign-out.
import { api, ApiError, session } from './api.js';
import { h, problemBlock } from './dom.js';
import { mountList } from './list.js';
import { mountRuns } from './runs.js';
import { mountSubmit } from './submit.js';
import { mountTask } from './task.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let unmount = null;
let signInMessage = null;

function route({ focus = true } = {}) {
  unmount?.();
  unmount = null;
  main.replaceChildren();
  if (!session.token()) {
    nav.hidden = true;
    unmount = mountSignIn();
    return;
  }
  nav.hidden = false;
  const hash = location.hash || '#/';
  const task = hash.match(/^#\/tasks\/([^/?]+)$/);
  if (task) unmount = mountTask(main, decodeURIComponent(task[1]));
  else if (hash === '#/submit') unmount = mountSubmit(main);
  else if (hash === '#/runs') unmount = mountRuns(main);
  else unmount = mountList(main);
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === (task ? '#/' : hash)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // After a route change keyboard and screen-reader users start at the new view's heading.
  if (focus) main.querySelector('h2')?.focus();
}

function mountSignIn() {
  const message = signInMessage;
  signInMessage = null;
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true,
    'aria-describedby': 'token-help' });
  const status = h('div', { id: 'sign-in-status' }, message ? problemBlock(message) : null);
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-heading' },
    h('h2', { id: 'sign-in-heading', tabindex: '-1' }, 'Sign in'),
    status,
    h('label', { for: 'token' }, 'API token'),
    token,
    h('p', { id: 'token-help', class: 'help' },
      'The bearer token your client was given. It stays in this browser tab only (session storage) until you sign out.'),
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = token.value.trim();
    if (!value) {
      status.replaceChildren(problemBlock({ problem: { title: 'Enter a token', detail: 'The API token is required.' } }));
      token.focus();
      return;
    }
    session.signIn(value);
    try {
      await api('/v1/tasks?limit=1');
      route();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        status.replaceChildren(problemBlock(error));
      }
    }
  });
  main.append(form);
  queueMicrotask(() => token.focus());
  return null;
}

window.addEventListener('atq:unauthorized', (event) => {
  const problem = event.detail.problem ?? {};
  signInMessage = { problem: { title: 'Please sign in again',
    detail: `The gateway refused the token (401): ${problem.detail ?? problem.title ?? 'unauthorized'}` } };
  route();
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  signInMessage = { problem: { title: 'Signed out', detail: 'The token was removed from this tab.' } };
  // The next person to sign in starts at the list, not on the page the last one had open.
  history.replaceState(null, '', '#/');
  route();
});

window.addEventListener('hashchange', () => route());
route({ focus: false });
