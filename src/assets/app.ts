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
    window.setTimeout(poll, 600);
  };
  window.setTimeout(poll, 300);
});
