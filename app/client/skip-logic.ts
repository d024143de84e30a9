import { evaluate, type Answers, type AnswerValue } from "../engine/conditions";
import type { Condition, QuestionType } from "../engine/definition";
import { unhandledType } from "../engine/exhaustive";

/** Reads one question's current value from its controls, in the codes the server stores. */
export function readValue(wrapper: HTMLElement): AnswerValue | undefined {
  const type = wrapper.dataset.type as QuestionType;
  const controls = [
    ...wrapper.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea"),
  ];
  const chosen = controls
    .filter((c) =>
      c instanceof HTMLInputElement && (c.type === "radio" || c.type === "checkbox") ? c.checked : c.value.trim() !== "",
    )
    .filter((c) => !c.closest(".other"));
  const codes = chosen.map((c) => Number(c.value));
  switch (type) {
    case "single":
      return codes[0];
    case "multiple":
    case "ranking":
      return codes;
    case "number": {
      const n = Number(chosen[0]?.value.replace(",", "."));
      return chosen[0] && !Number.isNaN(n) ? n : undefined;
    }
    case "consent":
      return chosen.length > 0 ? true : undefined;
    case "matrix":
    case "group":
      // Conditions on these ask only whether they were answered.
      return chosen.length > 0 ? [chosen.length] : undefined;
    case "text":
    case "longtext":
    case "email":
    case "date":
    case "country":
      return chosen[0]?.value.trim();
    default:
      return unhandledType(type);
  }
}

/**
 * Shows and hides the questions of the page as answers change, with the same evaluator
 * the server uses. A hidden question is disabled, so it is neither validated nor sent.
 */
export function applySkipLogic(form: HTMLFormElement, earlier: Answers) {
  const effective: Record<string, AnswerValue | undefined> = { ...earlier };
  const shown: string[] = [];
  for (const wrapper of form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-question]")) {
    const id = wrapper.dataset.question!;
    const condition = wrapper.dataset.showIf ? (JSON.parse(wrapper.dataset.showIf) as Condition) : null;
    const visible = !condition || evaluate(condition, effective);
    wrapper.hidden = !visible;
    wrapper.disabled = !visible;
    if (visible) {
      shown.push(id);
      effective[id] = readValue(wrapper);
    }
  }
  const field = form.elements.namedItem("__shown");
  if (field instanceof HTMLInputElement) field.value = shown.join(",");
}
