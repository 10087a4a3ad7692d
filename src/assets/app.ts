// Progressive enhancement only: every page works without this script.
import { initAll } from 'govuk-frontend';

initAll();

// Import progress: poll the counts and move on to the import's page when it has finished.
document.querySelectorAll<HTMLElement>('[data-import-progress]').forEach((element) => {
  const bar = element.querySelector('progress');
  const text = element.querySelector('[role="status"]');
  const poll = async () => {
    try {
      const response = await fetch(element.dataset.importProgress!, { headers: { accept: 'application/json' } });
      if (response.ok) {
        const progress = (await response.json()) as { done: number; total: number; finished: boolean };
        if (bar) bar.value = progress.done;
        if (text) text.textContent = `${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')} written.`;
        if (progress.finished) {
          window.location.assign(element.dataset.doneUrl!);
          return;
        }
      } else if (response.status === 404) {
        window.location.assign(element.dataset.doneUrl!);
        return;
      }
    } catch {
      // A dropped request: try again on the next tick.
    }
    window.setTimeout(() => void poll(), 600);
  };
  window.setTimeout(() => void poll(), 300);
});

// Survey answers are saved as the respondent goes: each changed question is sent on its own.
document.querySelectorAll<HTMLFormElement>('form[data-autosave]').forEach((form) => {
  const status = form.querySelector('[data-autosave-status]');
  const token = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const append = (body: URLSearchParams, name: string) => {
    const fields = form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`);
    fields.forEach((field) => {
      if ((field as HTMLInputElement).type === 'radio' || (field as HTMLInputElement).type === 'checkbox') {
        if ((field as HTMLInputElement).checked) body.append(name, field.value);
      } else body.append(name, field.value);
    });
    // An empty group still says "nothing chosen", so a cleared answer is saved as cleared.
    if (!body.has(name)) body.append(name, '');
  };
  const save = async (name: string) => {
    const body = new URLSearchParams({ _csrf: token });
    append(body, name);
    // The two halves of a "before and now" question travel together.
    const partner = name.endsWith('-before') ? name.slice(0, -'-before'.length) : `${name}-before`;
    if (form.querySelector(`[name="${CSS.escape(partner)}"]`)) append(body, partner);
    try {
      const response = await fetch(form.dataset.autosave!, { method: 'POST', body, headers: { 'csrf-token': token } });
      if (status) status.textContent = response.ok ? 'Saved.' : 'Not saved: check the answer above.';
    } catch {
      if (status) status.textContent = 'Not saved: you may be offline. Your answers will be saved when you press a button.';
    }
  };
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement | null;
    if (target?.name && target.name !== '_csrf') void save(target.name);
  });
});

// A checkpoint return saves as a draft while the lead types. Each save carries the revision it
// started from; if someone else saved in between, the server refuses and says so here.
document.querySelectorAll<HTMLFormElement>('form[data-return-autosave]').forEach((form) => {
  const status = form.querySelector('[data-autosave-status]');
  const revision = form.querySelector<HTMLInputElement>('[data-revision]');
  let timer: number | undefined;
  let stopped = false;
  const save = async () => {
    if (stopped) return;
    const body = new URLSearchParams();
    new FormData(form).forEach((value, name) => {
      if (typeof value === 'string' && name !== 'action') body.append(name, value);
    });
    try {
      const response = await fetch(form.dataset.returnAutosave!, {
        method: 'POST',
        body,
        headers: { 'csrf-token': body.get('_csrf') ?? '', accept: 'application/json' },
      });
      const result = (await response.json()) as { saved: boolean; revision?: number; error?: string };
      if (result.saved && revision && result.revision !== undefined) {
        revision.value = String(result.revision);
        if (status) status.textContent = `Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`;
      } else if (status) {
        status.textContent = result.error ?? 'Not saved.';
        if (response.status === 409) stopped = true;
      }
    } catch {
      if (status) status.textContent = 'Not saved: you may be offline. Press “Save as draft” when you are back online.';
    }
  };
  form.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void save(), 1500);
  });
  form.addEventListener('submit', () => {
    window.clearTimeout(timer);
    stopped = true;
  });
});

// Coding answers: words selected in an answer become the quote for its themes (the box can also be typed into).
document.addEventListener('selectionchange', () => {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  const answerOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-quote-source]');
  const start = answerOf(range.startContainer);
  const end = answerOf(range.endContainer);
  if (!start || start !== end) return;
  const box = document.getElementById(start.dataset.quoteSource!) as HTMLTextAreaElement | null;
  const text = selection.toString().replace(/\s+/g, ' ').trim();
  if (box && text) box.value = text;
});

// "Others met this": close published lessons beside text being written, looked up once the writer pauses.
document.querySelectorAll<HTMLElement>('[data-lesson-matches]').forEach((panel) => {
  const field = panel.dataset.for ? document.getElementById(panel.dataset.for) : null;
  const url = panel.dataset.url;
  if (!url) return;
  const textNow = () => (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement ? field.value : (panel.dataset.text ?? '')).trim();
  let last = '';
  let timer: number | undefined;
  const look = async () => {
    const text = textNow().slice(0, 2000);
    // A few words say too little to match on.
    if (text.split(/\s+/).length < 4 || text === last) return;
    last = text;
    try {
      const response = await fetch(`${url}?text=${encodeURIComponent(text)}`, { headers: { accept: 'text/html' } });
      // The server's own escaped fragment, rendered from its template.
      if (response.ok) panel.innerHTML = await response.text();
    } catch {
      // Offline for a moment: the next pause tries again.
    }
  };
  field?.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void look(), 900);
  });
  void look();
});
