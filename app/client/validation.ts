/**
 * Instant validation in the respondent's language: the browser's own checks (from the
 * constraints the server wrote into the form), with the app's messages instead of the
 * browser's. The server still checks everything; this only saves a round trip.
 *
 * Messages appear when the form is sent (with a summary that links to each field, as the server's
 * does); leaving or changing a field only updates a message already shown, in its reserved space,
 * so nothing moves under the respondent's finger. Each row of a grid is its own radio group.
 */
export type Messages = Record<
  "required" | "email" | "number" | "date" | "dateMin" | "dateMax" | "tooLong" | "summaryOne" | "summaryOther",
  string
>;

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function messageFor(control: Control, messages: Messages): string | null {
  const v = control.validity;
  if (v.valid) return null;
  if (v.valueMissing) return messages.required;
  if (v.typeMismatch) return messages.email;
  if (v.patternMismatch) return messages.number;
  if (v.rangeUnderflow) return messages.dateMin.replace("{{min}}", (control as HTMLInputElement).min);
  if (v.rangeOverflow) return messages.dateMax.replace("{{max}}", (control as HTMLInputElement).max);
  if (v.tooLong) return messages.tooLong.replace("{{max}}", String((control as HTMLInputElement).maxLength));
  if (v.badInput) return control.getAttribute("type") === "date" ? messages.date : messages.number;
  return messages.required;
}

/** The element that owns a control's messages: its "other" box, its grid row, or its question. */
function ownerOf(control: Control): HTMLElement | null {
  return control.closest<HTMLElement>(".other, .matrix-row, .question");
}

/** What the summary calls a field: its row's or question's own words, without "(required)". */
function nameOf(owner: HTMLElement): string {
  const heading = owner.querySelector(":scope > legend, :scope > label, :scope > .choice > label");
  return (heading?.firstChild?.textContent ?? "").trim();
}

/** The message slot of an owner: the server's list or the one this script added. */
function slotOf(owner: HTMLElement): HTMLElement | null {
  return owner.querySelector<HTMLElement>(":scope > .errors");
}

function show(owner: HTMLElement, control: Control, message: string | null, mayAdd: boolean) {
  let slot = slotOf(owner);
  const describedHost = owner.tagName === "FIELDSET" ? owner : control;
  if (!message) {
    control.removeAttribute("aria-invalid");
    if (!slot) return;
    // Keep the slot's height: the fields below stay where they are until the form is sent again.
    slot.style.minHeight = mayAdd ? "" : `${slot.offsetHeight}px`;
    slot.textContent = "";
    return;
  }
  if (!slot && !mayAdd) return;
  if (!slot) {
    slot = document.createElement("p");
    slot.className = "errors live";
    slot.id = `${control.id || control.name}-live-error`;
    const anchor = owner.querySelector(":scope > legend, :scope > label, :scope > .hint:last-of-type");
    (anchor ?? owner.firstChild)?.after(slot);
    const ids = (describedHost.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    describedHost.setAttribute("aria-describedby", [...ids, slot.id].join(" "));
  }
  slot.textContent = message;
  control.setAttribute("aria-invalid", "true");
}

function controlsOf(form: HTMLFormElement): Control[] {
  return [...form.querySelectorAll<Control>("input, select, textarea")].filter(
    (c) => c.form === form && c.willValidate && !c.closest("[hidden]") && c.type !== "hidden",
  );
}

/** A radio group speaks through its first radio: one message for the group. */
function representative(control: Control): Control {
  if (control instanceof HTMLInputElement && control.type === "radio" && control.form) {
    return control.form.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(control.name)}"]`) ?? control;
  }
  return control;
}

/** The summary at the top of the form: a count, then one link per field in error. */
function showSummary(form: HTMLFormElement, invalid: Array<{ control: Control; text: string }>, messages: Messages) {
  let summary = form.querySelector<HTMLElement>(".summary");
  if (!summary) {
    summary = document.createElement("div");
    summary.className = "summary";
    summary.setAttribute("role", "alert");
    summary.tabIndex = -1;
    form.querySelector("h1")?.after(summary);
  }
  summary.textContent = "";
  const heading = document.createElement("h2");
  const one = new Intl.PluralRules(document.documentElement.lang).select(invalid.length) === "one";
  heading.textContent = (one ? messages.summaryOne : messages.summaryOther).replace("{{count}}", String(invalid.length));
  const list = document.createElement("ul");
  for (const { control, text } of invalid) {
    const link = document.createElement("a");
    link.href = `#${control.id}`;
    link.textContent = text;
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  summary.append(heading, list);
  summary.focus();
}

/** A summary's link focuses its field and shows the field's question (the server's summary too). */
export function focusFromSummary(event: Event) {
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(".summary a[href^='#']");
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  target.closest(".matrix-row, .question, .item")?.scrollIntoView();
  target.focus({ preventScroll: true });
}

export function enableValidation(form: HTMLFormElement, messages: Messages) {
  // Our messages replace the browser's bubbles, which speak the browser's language.
  form.noValidate = true;
  const update = (control: Control) => {
    const first = representative(control);
    const owner = ownerOf(first);
    if (owner) show(owner, first, messageFor(first, messages), false);
  };
  form.addEventListener("focusout", (event) => {
    const control = event.target as Control;
    if (control.willValidate) update(control);
  });
  form.addEventListener("change", (event) => {
    const control = event.target as Control;
    if (control.willValidate) update(control);
  });
  form.addEventListener("submit", (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.formNoValidate) return;
    const controls = [...new Set(controlsOf(form).map(representative))];
    const invalid: Array<{ control: Control; text: string }> = [];
    for (const control of controls) {
      const owner = ownerOf(control);
      const message = messageFor(control, messages);
      if (owner) show(owner, control, message, true);
      if (message) invalid.push({ control, text: owner ? `${nameOf(owner)}: ${message}` : message });
    }
    if (!invalid.length) return;
    event.preventDefault();
    showSummary(form, invalid, messages);
  });
}
