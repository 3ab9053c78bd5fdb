// The submit form, generated from the whitelist (GET /v1/images). A 400 problem's errors are shown next to their
// fields (workers.replicas, master.args.MODE, timeout, name, labels.<key>, thresholds[i].<field>) and its detail at the top.
import { aborted, api, newIdempotencyKey } from './api.js';
import { h, problemBlock } from './dom.js';

let draft = null;

/** Opens the form filled with an earlier task's request (Run again of a task whose secret args are masked). */
export function submitAgain(task) {
  draft = task;
  location.hash = '#/submit';
}

export function mountSubmit(main) {
  const controller = new AbortController();
  const prefill = draft;
  draft = null;
  const top = h('div', { id: 'submit-problem', tabindex: '-1' });
  const form = h('form', { class: 'card submit', novalidate: true, 'aria-labelledby': 'submit-heading', 'aria-busy': 'true' });
  main.append(h('section', {}, h('h2', { id: 'submit-heading', tabindex: '-1' }, 'Submit a task'), top, form));

  api('/v1/images', { signal: controller.signal }).then((images) => build(form, top, images, prefill))
    .catch((error) => { if (!aborted(error)) top.replaceChildren(problemBlock(error)); });
  return () => controller.abort();
}

function build(form, top, images, prefill) {
  const request = prefill?.request;
  const fields = new Map(); // API field name -> its input
  const field = (name, label, input, help) => {
    const id = `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    input.id = id;
    input.name = name;
    fields.set(name, input);
    const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
    const helpText = help ? h('p', { id: `${id}-help`, class: 'help' }, help) : null;
    input.setAttribute('aria-describedby', [helpText ? `${id}-help` : '', `${id}-error`].join(' ').trim());
    return h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), input, helpText, error);
  };
  const role = (key, title, spec) => {
    const select = h('select', { required: true }, images.map((image) =>
      h('option', { value: image.imageName, selected: image.imageName === (spec?.image ?? defaultImage(images, key)) },
        image.imageName)));
    const args = h('div', { class: 'args' });
    const showArgs = () => {
      const image = images.find((i) => i.imageName === select.value);
      // Another image, other args: the previous image's inputs must not be sent.
      for (const name of [...fields.keys()]) if (name.startsWith(`${key}.args.`)) fields.delete(name);
      args.replaceChildren(...(image?.args ?? []).map((arg) => {
        const value = spec?.args?.[arg.name];
        const input = h('input', { type: arg.secret ? 'password' : 'text', autocomplete: arg.secret ? 'off' : null,
          required: arg.required, 'aria-required': arg.required ? 'true' : null,
          value: value && value !== '***' ? value : null });
        return field(`${key}.args.${arg.name}`, `${arg.name}${arg.required ? ' (required)' : ''}${arg.secret ? ' (secret)' : ''}`, input);
      }));
    };
    select.addEventListener('change', showArgs);
    const fieldset = h('fieldset', {}, h('legend', {}, title), field(`${key}.image`, 'Image', select), args);
    showArgs();
    return fieldset;
  };

  const workers = role('workers', 'Workers', request?.workers);
  workers.append(
    field('workers.replicas', 'Replicas', h('input', { type: 'number', inputmode: 'numeric', min: '1', value: request?.workers?.replicas ?? 1 })),
    field('workers.port', 'Port (optional)', h('input', { type: 'number', inputmode: 'numeric', value: request?.workers?.port ?? null }),
      'Discovery waits until every worker accepts connections on this TCP port.'));
  const labels = h('textarea', { rows: '3' }, Object.entries(prefill?.labels ?? {}).map(([k, v]) => `${k}:${v}`).join('\n'));
  const thresholds = h('textarea', { rows: '3', spellcheck: 'false' },
    request?.thresholds?.length ? JSON.stringify(request.thresholds) : '');
  form.replaceChildren(
    field('name', 'Name', h('input', { type: 'text', required: true, 'aria-required': 'true', value: prefill?.name ?? null })),
    workers,
    role('master', 'Master', request?.master),
    field('timeout', 'Timeout (optional)', h('input', { type: 'text', placeholder: 'PT10M', value: request?.timeout ?? null }),
      'An ISO-8601 duration, e.g. PT10M for ten minutes.'),
    field('labels', 'Labels (optional)', labels, 'One key:value per line, e.g. branch:main.'),
    field('thresholds', 'Thresholds (optional)', thresholds, 'A JSON array; the task fails if one is breached, e.g. '
      + '[{"metric": "p95", "below": "PT0.5S"}, {"metric": "errorRate", "below": 0.01}].'),
    h('button', { type: 'submit' }, 'Submit'));
  form.removeAttribute('aria-busy');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, top);
    let body;
    try {
      body = requestBody(fields, labels.value);
    } catch (problem) {
      return showProblem(form, top, fields, { problem });
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const task = await api('/v1/tasks', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });
      location.hash = `#/tasks/${encodeURIComponent(task.id)}`;
    } catch (error) {
      showProblem(form, top, fields, error);
    } finally {
      button.disabled = false;
    }
  });
}

function defaultImage(images, key) {
  return (images.find((i) => i.imageName.includes(key === 'master' ? 'master' : 'worker')) ?? images[0])?.imageName;
}

function requestBody(fields, labelText) {
  const value = (name) => fields.get(name)?.value.trim() ?? '';
  const args = (key) => Object.fromEntries([...fields.keys()].filter((n) => n.startsWith(`${key}.args.`) && value(n))
    .map((n) => [n.slice(`${key}.args.`.length), value(n)]));
  const number = (name) => (value(name) === '' ? undefined : Number(value(name)));
  const body = {
    name: value('name'),
    workers: { image: value('workers.image'), replicas: number('workers.replicas'), args: args('workers'), port: number('workers.port') },
    master: { image: value('master.image'), args: args('master') },
  };
  if (value('timeout')) body.timeout = value('timeout');
  const labels = {};
  for (const line of labelText.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon < 1) throw { title: 'Invalid labels', errors: [{ field: 'labels', message: `'${line}' is not key:value` }] };
    labels[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  if (Object.keys(labels).length) body.labels = labels;
  if (value('thresholds')) {
    try {
      body.thresholds = JSON.parse(value('thresholds'));
    } catch {
      throw { title: 'Invalid thresholds', errors: [{ field: 'thresholds', message: 'is not JSON: write an array such as [{"metric": "p95", "below": "PT0.5S"}]' }] };
    }
  }
  return body;
}

function clearErrors(form, top) {
  top.replaceChildren();
  for (const error of form.querySelectorAll('.field-error')) { error.hidden = true; error.textContent = ''; }
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

function showProblem(form, top, fields, error) {
  const problem = error.problem ?? { title: 'Could not submit', detail: String(error.message ?? error) };
  const unplaced = [];
  for (const { field, message } of problem.errors ?? []) {
    // labels.<key> and thresholds[i].<field> errors belong to their boxes; anything else without an input goes to the top.
    const name = fields.has(field) ? field : field?.startsWith('labels.') ? 'labels'
      : field?.startsWith('thresholds[') ? 'thresholds' : null;
    const slot = name && form.querySelector(`#${fields.get(name).id}-error`);
    if (!slot) { unplaced.push({ field, message }); continue; }
    // A threshold's error names which one: the box holds them all.
    const text = name === 'thresholds' && field !== 'thresholds' ? `${field}: ${message}` : message;
    slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
    slot.hidden = false;
    fields.get(name).setAttribute('aria-invalid', 'true');
  }
  top.replaceChildren(problemBlock({ problem: { ...problem, errors: unplaced } }));
  top.focus();
}
