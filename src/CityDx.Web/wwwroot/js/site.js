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
