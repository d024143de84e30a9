/**
 * The only script organiser pages load (no React): a personal link is selected when its field gets
 * focus, and gets a copy button. Without script the read-only field is there to select by hand.
 */
function enhanceLinks() {
  for (const field of document.querySelectorAll<HTMLInputElement>("input[data-copy]")) {
    field.addEventListener("focus", () => field.select());
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary copy";
    button.textContent = field.dataset.copy ?? "";
    button.setAttribute("aria-label", field.dataset.copyLabel ?? button.textContent);
    button.addEventListener("click", () => {
      field.focus();
      const copied = () => {
        button.textContent = field.dataset.copied ?? "";
      };
      // The clipboard API needs a secure context and may be refused; then the selected text is copied the old way.
      const copySelection = () => {
        if (document.execCommand("copy")) copied();
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(copied, copySelection);
      else copySelection();
    });
    field.insertAdjacentElement("afterend", button);
  }
}

enhanceLinks();
