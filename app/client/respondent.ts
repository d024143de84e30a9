/**
 * The only script a respondent page loads (no React): small improvements that need script.
 * Everything here is an enhancement; the page works without it.
 */
import type { Answers } from "../engine/conditions";
import { enforceExclusive } from "./exclusive";
import { forgetOthers, keepUnsaved } from "./keep-unsaved";
import { applySkipLogic } from "./skip-logic";
import { enableValidation, focusFromSummary, type Messages } from "./validation";

function updateCounter(field: HTMLTextAreaElement, output: HTMLElement) {
  output.textContent = `${field.value.length} / ${field.maxLength}`;
}

function addCounters() {
  for (const field of document.querySelectorAll<HTMLTextAreaElement>("textarea[data-counter]")) {
    if (field.maxLength <= 0) continue;
    const output = document.createElement("p");
    output.className = "counter";
    output.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", output);
    updateCounter(field, output);
    field.addEventListener("input", () => updateCounter(field, output));
  }
}

function keepEntries() {
  const form = document.querySelector<HTMLFormElement>("form[data-section]");
  // Any other page of the questionnaire: what an earlier page kept was saved, or left on purpose.
  if (!form) return forgetOthers(null);
  if (keepUnsaved(form)) document.getElementById("restored-note")?.removeAttribute("hidden");
}

function enableSkipLogic() {
  const form = document.querySelector<HTMLFormElement>("form[data-section]");
  if (!form || !form.querySelector("[data-show-if]")) return;
  const context = document.getElementById("earlier-answers");
  const earlier = (context ? JSON.parse(context.textContent ?? "{}") : {}) as Answers;
  const update = () => applySkipLogic(form, earlier);
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}

function validateAsYouGo() {
  const form = document.querySelector<HTMLFormElement>("form[data-section]");
  const messages = document.getElementById("validation-messages");
  if (form && messages) enableValidation(form, JSON.parse(messages.textContent ?? "{}") as Messages);
}

keepEntries();
validateAsYouGo();
document.addEventListener("click", focusFromSummary);
const sectionForm = document.querySelector<HTMLFormElement>("form[data-section]");
if (sectionForm) enforceExclusive(sectionForm);
addCounters();
enableSkipLogic();
