/**
 * The only script a respondent page loads (no React): small improvements that need script.
 * Everything here is an enhancement; the page works without it.
 */
import type { Answers } from "../engine/conditions";
import { rememberUnsaved, restoreUnsaved } from "./keep-unsaved";
import { applySkipLogic } from "./skip-logic";
import { enableValidation, type Messages } from "./validation";

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

function keepUnsavedAcrossLanguages() {
  const form = document.querySelector<HTMLFormElement>("form[data-section]");
  const switcher = document.querySelector<HTMLFormElement>("form[data-language-switcher]");
  if (!form || !switcher) return;
  restoreUnsaved(form);
  switcher.addEventListener("submit", () => rememberUnsaved(form));
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

keepUnsavedAcrossLanguages();
validateAsYouGo();
addCounters();
enableSkipLogic();
