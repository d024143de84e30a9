/**
 * "None of these" and the like exclude the other options of their question: ticking one unticks
 * the others, ticking another unticks it. The server enforces the same rule.
 */
export function enforceExclusive(form: HTMLFormElement) {
  form.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.checked) return;
    const exclusive = box.hasAttribute("data-exclusive");
    for (const other of form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${CSS.escape(box.name)}"]`)) {
      if (other !== box && other.checked && (exclusive || other.hasAttribute("data-exclusive"))) {
        other.checked = false;
        other.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  });
}
