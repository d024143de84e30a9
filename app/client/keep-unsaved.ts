/**
 * Keeps what a respondent typed on this page but has not saved when they switch language:
 * the switch is a plain GET link to the same page, so the answers travel in sessionStorage.
 */
const key = () => `consulta:unsaved:${location.pathname}`;

type Entries = Array<[string, string]>;

export function rememberUnsaved(form: HTMLFormElement) {
  const entries: Entries = [];
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && !name.startsWith("_")) entries.push([name, value]);
  }
  try {
    sessionStorage.setItem(key(), JSON.stringify(entries));
  } catch {
    // Storage may be full or forbidden: the switch still works, only unsaved text is lost.
  }
}

export function restoreUnsaved(form: HTMLFormElement): boolean {
  let entries: Entries;
  try {
    const raw = sessionStorage.getItem(key());
    if (!raw) return false;
    sessionStorage.removeItem(key());
    entries = JSON.parse(raw) as Entries;
  } catch {
    return false;
  }
  const values = new Map<string, string[]>();
  for (const [name, value] of entries) values.set(name, [...(values.get(name) ?? []), value]);
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    "input[name], select[name], textarea[name]",
  )) {
    if (control.name.startsWith("_")) continue;
    const given = values.get(control.name) ?? [];
    if (control instanceof HTMLInputElement && (control.type === "radio" || control.type === "checkbox")) {
      control.checked = given.includes(control.value);
    } else if (control.type !== "hidden") {
      control.value = given[0] ?? "";
    }
  }
  return true;
}
