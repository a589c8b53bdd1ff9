/*
 * Holds an editor's Save or Publish until Wagtail's autosave has answered.
 *
 * On a create view, Wagtail's autosave creates the page or snippet in the background and only then points
 * the form at the edit view. A click on Publish while that request is on its way posts the form to the
 * create view a second time: the record exists by then, so the editor is told its slug (or its number) is
 * already in use, and is left on a create form that can no longer save. (On an edit view the overlap did no
 * harm when tried; holding the click there too keeps the two requests in the order the editor made them.)
 *
 * Waiting costs the editor at most the autosave's delay (half a second) and its request; the click is then
 * sent where the form points by then. The button that was clicked is passed on as a hidden field, because
 * Wagtail disables it while it shows its spinner, and a disabled button's name is not sent.
 */
(() => {
  const HELD = 'thiduaHeldSubmit';

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

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const autosave = autosaveOf(form);
      const held = Boolean(form.dataset[HELD]);
      if (!held && !autosave?.submitPromise) return;

      event.preventDefault();
      event.stopImmediatePropagation();
      // A second click while the first is held would be sent twice.
      if (held) return;
      form.dataset[HELD] = 'true';
      const submitter = event.submitter;

      settled(autosave).then(() => {
        if (submitter?.name) {
          const field = document.createElement('input');
          field.type = 'hidden';
          field.name = submitter.name;
          field.value = submitter.value;
          form.append(field);
        }
        delete form.dataset[HELD];
        form.requestSubmit();
      });
    },
    true,
  );
})();
