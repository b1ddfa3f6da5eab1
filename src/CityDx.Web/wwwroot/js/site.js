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

// 住所を検索 with JavaScript: fill the address in place from /api/v1/postal-codes/{code}.
// Without JavaScript the same button posts the form and the server fills it.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-postal-lookup]");
  if (!button) return;
  const group = button.closest("[data-address]");
  const input = group.querySelector("[data-postal-code]");
  const status = group.querySelector("[data-postal-status]");
  const code = input.value.normalize("NFKC").replace(/[^0-9]/g, "");
  event.preventDefault();
  if (code.length !== 7) {
    status.textContent = button.dataset.msgInvalid;
    input.focus();
    return;
  }
  let response;
  try {
    response = await fetch(`/api/v1/postal-codes/${code}`, { headers: { Accept: "application/json" } });
  } catch {
    button.closest("form").requestSubmit(button); // offline or blocked: let the server do it
    return;
  }
  if (response.status === 404) {
    status.textContent = button.dataset.msgNotfound;
    return;
  }
  if (!response.ok) {
    status.textContent = button.dataset.msgInvalid;
    return;
  }
  const result = await response.json();
  const first = result.addresses[0];
  const set = (part, value) => { group.querySelector(`[data-address-part="${part}"]`).value = value; };
  input.value = result.postalCode;
  set("prefecture", first.prefecture);
  set("city", first.city);
  if (result.addresses.length === 1) {
    set("town", first.town);
    status.textContent = button.dataset.msgFound;
  } else {
    set("town", "");
    status.textContent = button.dataset.msgSeveral.replace("{towns}", result.addresses.map((a) => a.town).join("、"));
  }
  group.querySelector('[data-address-part="street"]').focus();
});

// Show-when rules: the same declarative data the server evaluates (the server always decides what
// is validated and stored). Without JavaScript every question is shown with a note saying when it
// is needed; with it, questions that do not apply are hidden.
(() => {
  const form = document.querySelector("[data-conditional-form]");
  if (!form) return;
  document.documentElement.classList.add("js");
  const valuesOf = (key) => {
    const inputs = [...form.querySelectorAll(`[name="Answers[${CSS.escape(key)}]"], [name="${CSS.escape(key)}"]`)]
      .filter((el) => !el.closest("[hidden]"));
    return inputs.flatMap((el) => {
      if (el.type === "radio" || el.type === "checkbox") return el.checked ? [el.value] : [];
      return el.value.trim() === "" ? [] : [el.value.trim()];
    });
  };
  const holds = (rule) => {
    const values = valuesOf(rule.fieldKey);
    const wanted = rule.values || [];
    switch (rule.operator) {
      case "equals": return values.includes(wanted[0]);
      case "notEquals": return !values.includes(wanted[0]);
      case "oneOf": return values.some((v) => wanted.includes(v));
      case "isYes": return values.includes("yes");
      default: return true;
    }
  };
  const apply = () => {
    // In document order, so a question hidden earlier hides the ones that depend on it.
    form.querySelectorAll("[data-show-when]").forEach((el) => {
      const rule = el.dataset.showWhen ? JSON.parse(el.dataset.showWhen) : null;
      el.hidden = rule ? !holds(rule) : false;
    });
  };
  form.addEventListener("change", apply);
  form.addEventListener("input", apply);
  apply();
})();

// Session-timeout warning on filing pages: shown before the sign-in session ends, with a button
// that extends it (WCAG 2.2.1). Without JavaScript nothing is lost either: every page continued
// from is already saved on the server.
(() => {
  const box = document.querySelector("[data-session-warning]");
  if (!box) return;
  const session = Number(box.dataset.sessionSeconds);
  const warning = Number(box.dataset.warningSeconds);
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { box.hidden = false; }, Math.max(0, session - warning) * 1000);
  };
  box.querySelector("[data-session-extend]").addEventListener("click", async () => {
    const response = await fetch("/session/extend", { method: "POST", credentials: "same-origin" });
    if (response.ok) {
      box.hidden = true;
      arm();
    }
  });
  arm();
})();

// 受付票: the print button is shown only where the script can press it; without JavaScript the
// browser's own print works on the same page (the print stylesheet leaves just the slip).
(() => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
})();
