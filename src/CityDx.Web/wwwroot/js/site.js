// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // GOV.UK pattern: move focus to the error summary so screen readers announce it.
  const summary = document.querySelector(".error-summary[data-autofocus]");
  if (summary) {
    summary.focus();
  }

  // Error-summary links focus the field itself, not just scroll to it.
  document.querySelectorAll(".error-summary a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      const focusable = target.matches("fieldset") ? target.querySelector("input") : target;
      (focusable || target).focus();
      target.scrollIntoView({ block: "center" });
    });
  });
});
