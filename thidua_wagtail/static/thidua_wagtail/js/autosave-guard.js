/*
 * Keeps an editor's Save or Publish and Wagtail's autosave from crossing.
 *
 * On a create view, Wagtail's autosave creates the page or snippet in the background and only then points
 * the form at the edit view. A click on Publish while that request is on its way posts the form to the
 * create view a second time: the record exists by then, so the editor is told its slug (or its number) is
 * already in use, and is left on a create form that can no longer save. (On an edit view the overlap did no
 * harm when tried; holding the click there too keeps the two requests in the order the editor made them.)
 *
 * So a click made while an autosave is on its way is held until the autosave has answered (at most its
 * delay, half a second, and its request; never more than HOLD_AT_MOST), then sent where the form points by
 * then. The button that was clicked is passed on as a hidden field, because Wagtail disables it while it
 * shows its spinner, and a disabled button's name is not sent. And once a click is sent, autosave stops for
 * this page: a change it had noticed but not yet saved would otherwise post the form after it.
 */
(() => {
  const HELD = 'thiduaHeldSubmit';
  const RELEASED = 'thiduaReleasedSubmit';
  // A request that never answers must not swallow the editor's click.
  const HOLD_AT_MOST = 20000;

  const autosaveOf = (form) =>
    window.wagtail?.app?.getControllerForElementAndIdentifier?.(form, 'w-autosave') ?? null;

  const settled = async (autosave) => {
    // An autosave may start another as it ends (a change made meanwhile): wait for the last one.
    while (autosave.submitPromise) {
      try {
        await autosave.submitPromise;
      } catch {
        // A failed autosave saved nothing; the editor's own submission still goes ahead.
      }
    }
  };

  const stopAutosave = (autosave) => {
    if (!autosave) return;
    autosave.activeValue = false;
    autosave.clearRetries?.();
  };

  // The page shown again from the browser's history: its autosave starts afresh.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-controller~="w-autosave"]').forEach((form) => {
      delete form.dataset[HELD];
      const autosave = autosaveOf(form);
      if (autosave) autosave.activeValue = true;
    });
  });

  // While a click is held, the form's other buttons do nothing (some add fields to the form as they are
  // clicked, which the held submission would then carry).
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button, input[type=submit]') : null;
      if (button?.form?.dataset[HELD] && button.type === 'submit') {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const autosave = autosaveOf(form);
      const held = Boolean(form.dataset[HELD]);
      if (form.dataset[RELEASED] || (!held && !autosave?.submitPromise)) {
        delete form.dataset[RELEASED];
        // Once every listener has had it: a submission another one stopped (Wagtail's dialog when a colleague
        // has saved) leaves autosave running.
        setTimeout(() => {
          if (!event.defaultPrevented) stopAutosave(autosave);
        });
        return;
      }

      event.preventDefault();
      event.stopImmediatePropagation();
      // A second submission while the first is held would be sent twice.
      if (held) return;
      form.dataset[HELD] = 'true';
      const submitter = event.submitter;

      const timeout = new Promise((resolve) => {
        setTimeout(resolve, HOLD_AT_MOST);
      });
      Promise.race([settled(autosave), timeout]).then(() => {
        let field = null;
        if (submitter?.name) {
          field = document.createElement('input');
          field.type = 'hidden';
          field.name = submitter.name;
          field.value = submitter.value;
          form.append(field);
        }
        delete form.dataset[HELD];
        form.dataset[RELEASED] = 'true';
        // The form's data is read as the submission starts, so the field can go at once: a submission that
        // does not leave the page (stopped by the editor) must not leave a Publish behind in the form.
        form.requestSubmit();
        field?.remove();
        delete form.dataset[RELEASED];
      });
    },
    true,
  );
})();
