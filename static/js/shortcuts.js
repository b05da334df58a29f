// "/" puts the cursor in the search box, as in most service desks; never while typing in a field.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
  const box = document.querySelector("[data-search-shortcut]");
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

// On a phone the navigation folds behind the "Menu" button.
document.addEventListener("click", function (event) {
  const toggle = event.target.closest("[data-nav-toggle]");
  if (!toggle) return;
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  toggle.closest(".topbar").classList.toggle("nav-open", open);
});
