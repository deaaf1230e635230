/**
 * After a form is submitted, moves focus to its first invalid field: at once when the browser-side
 * check fails, or when the server's answer marks a field (forms set errors from it a moment later).
 * Installed once for the whole app rather than in each form, so no form can forget it.
 *
 * Focus moves only while it is still where the submit left it (the submit button, the field where
 * Enter was pressed, or nowhere): a user who has moved on to fix something is not pulled away.
 */
const WATCH_MS = 10_000;

const firstInvalid = (form: HTMLFormElement) => form.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])');

function watch(form: HTMLFormElement) {
  const focusedAtSubmit = document.activeElement;
  const tryFocus = () => {
    const field = firstInvalid(form);
    if (!field) return false;
    const active = document.activeElement;
    if (active === focusedAtSubmit || active === null || active === document.body) field.focus();
    return true;
  };
  // React has rendered the validation errors by the next frame.
  requestAnimationFrame(() => {
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    observer.observe(form, { subtree: true, attributes: true, attributeFilter: ['aria-invalid'] });
    setTimeout(() => observer.disconnect(), WATCH_MS);
  });
}

export function installFocusFirstError(root: Document = document) {
  root.addEventListener('submit', (event) => {
    if (event.target instanceof HTMLFormElement) watch(event.target);
  });
}
