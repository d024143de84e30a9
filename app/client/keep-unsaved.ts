/**
 * Keeps what a respondent typed on a questionnaire page until the server has it: a "Next" that
 * fails (offline) or a reload gives the entries back. The page's form names its draft
 * (`data-draft`, a digest of the response, never its secret) and carries `_saved`, a fingerprint of
 * what the server has stored for the section: entries kept against another fingerprint are stale
 * (saved meanwhile, here or elsewhere) and dropped. Only the current page's entries are kept.
 * A draft not started yet keeps them in sessionStorage only: on a shared computer, the next person
 * opening the questionnaire must not find them (a started draft is this browser's already, by its cookie).
 */
const PREFIX = "consulta:unsaved:";

type Entries = Array<[string, string]>;
interface Kept {
  saved: string;
  entries: Entries;
}

const NEW_DRAFT = "new";

function storageFor(draft: string): Storage | null {
  try {
    return draft === NEW_DRAFT ? sessionStorage : localStorage;
  } catch {
    // Storage forbidden (privacy settings): nothing is kept, the page works as without script.
    return null;
  }
}

function keyOf(form: HTMLFormElement): string {
  return `${PREFIX}${form.dataset.draft ?? NEW_DRAFT}:${form.dataset.section ?? ""}`;
}

function savedOf(form: HTMLFormElement): string {
  const field = form.elements.namedItem("_saved");
  return field instanceof HTMLInputElement ? field.value : "";
}

function entriesOf(form: HTMLFormElement): Entries {
  const entries: Entries = [];
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && !name.startsWith("_")) entries.push([name, value]);
  }
  return entries;
}

/** Forgets every page's entries but `keep`'s: another page loaded means the last one was saved or left. */
export function forgetOthers(keep: string | null) {
  for (const storage of [storageFor(NEW_DRAFT), storageFor("draft")]) {
    if (!storage) continue;
    for (const key of Object.keys(storage)) {
      if (key.startsWith(PREFIX) && key !== keep) storage.removeItem(key);
    }
  }
}

export function applyEntries(form: HTMLFormElement, entries: Entries) {
  const values = new Map<string, string[]>();
  for (const [name, value] of entries) values.set(name, [...(values.get(name) ?? []), value]);
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    "input[name], select[name], textarea[name]",
  )) {
    if (control.name.startsWith("_") || control.form !== form || control.name === "lng") continue;
    const given = values.get(control.name) ?? [];
    if (control instanceof HTMLInputElement && (control.type === "radio" || control.type === "checkbox")) {
      control.checked = given.includes(control.value);
    } else if (control.type !== "hidden") {
      control.value = given[0] ?? "";
    }
  }
}

/** Restores the page's unsaved entries, if any still apply, and keeps them from now on as they change. */
export function keepUnsaved(form: HTMLFormElement): boolean {
  const key = keyOf(form);
  const storage = storageFor(form.dataset.draft ?? NEW_DRAFT);
  forgetOthers(key);
  if (!storage) return false;
  let restored = false;
  try {
    const kept = JSON.parse(storage.getItem(key) ?? "null") as Kept | null;
    if (kept && kept.saved === savedOf(form)) {
      applyEntries(form, kept.entries);
      restored = true;
    } else if (kept) {
      storage.removeItem(key);
    }
  } catch {
    storage.removeItem(key);
  }
  const remember = () => {
    try {
      storage.setItem(key, JSON.stringify({ saved: savedOf(form), entries: entriesOf(form) } satisfies Kept));
    } catch {
      // Storage full: the entries are only on the page, as without script.
    }
  };
  form.addEventListener("input", remember);
  form.addEventListener("change", remember);
  return restored;
}
