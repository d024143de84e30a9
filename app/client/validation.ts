/**
 * Instant validation in the respondent's language: the browser's own checks (from the
 * constraints the server wrote into the form), with the app's messages instead of the
 * browser's. The server still checks everything; this only saves a round trip.
 */
export type Messages = Record<"required" | "email" | "number" | "date" | "dateMin" | "dateMax" | "tooLong" | "summary", string>;

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

/** The element that owns a control's messages: its question, or its "other" box. */
function ownerOf(control: Control): HTMLElement | null {
  return control.closest<HTMLElement>(".other, .question");
}

function show(owner: HTMLElement, control: Control, message: string | null) {
  const id = `${control.id || control.name}-live-error`;
  let list = owner.querySelector<HTMLUListElement>(":scope > .errors.live");
  const describedHost = owner.tagName === "FIELDSET" ? owner : control;
  const ids = (describedHost.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== id);
  if (!message) {
    list?.remove();
    describedHost.setAttribute("aria-describedby", ids.join(" "));
    if (!ids.length) describedHost.removeAttribute("aria-describedby");
    control.removeAttribute("aria-invalid");
    return;
  }
  if (!list) {
    list = document.createElement("ul");
    list.className = "errors live";
    list.id = id;
    const anchor = owner.querySelector(":scope > legend, :scope > label, :scope > .hint:last-of-type");
    (anchor ?? owner.firstChild)?.after(list);
  }
  list.textContent = "";
  const item = document.createElement("li");
  item.textContent = message;
  list.append(item);
  describedHost.setAttribute("aria-describedby", [...ids, id].join(" "));
  control.setAttribute("aria-invalid", "true");
}

function controlsOf(form: HTMLFormElement): Control[] {
  return [...form.querySelectorAll<Control>("input, select, textarea")].filter(
    (c) => c.willValidate && !c.closest("[hidden]") && c.type !== "hidden",
  );
}

/** A radio group speaks through its first radio: one message for the group. */
function representative(control: Control): Control {
  if (control instanceof HTMLInputElement && control.type === "radio" && control.form) {
    return control.form.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(control.name)}"]`) ?? control;
  }
  return control;
}

const check = (control: Control, messages: Messages) => messageFor(control, messages);

export function enableValidation(form: HTMLFormElement, messages: Messages) {
  // Our messages replace the browser's bubbles, which speak the browser's language.
  form.noValidate = true;
  const validate = (control: Control) => {
    const first = representative(control);
    const owner = ownerOf(first);
    if (owner) show(owner, first, check(first, messages));
  };
  form.addEventListener("focusout", (event) => {
    const control = event.target as Control;
    if (control.willValidate) validate(control);
  });
  form.addEventListener("change", (event) => {
    const control = event.target as Control;
    if (control.willValidate && representative(control).getAttribute("aria-invalid")) validate(control);
  });
  form.addEventListener("submit", (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.formNoValidate) return;
    const controls = [...new Set(controlsOf(form).map(representative))];
    const invalid = controls.filter((c) => check(c, messages) !== null);
    for (const control of controls) validate(control);
    if (!invalid.length) return;
    event.preventDefault();
    let summary = form.querySelector<HTMLElement>(".summary");
    if (!summary) {
      summary = document.createElement("div");
      summary.className = "summary";
      summary.setAttribute("role", "alert");
      summary.tabIndex = -1;
      form.querySelector("h1")?.after(summary);
    }
    summary.textContent = messages.summary;
    invalid[0]!.focus();
  });
}
