// "Use the selected text": copy what the technician selected in the conversation
// into the split form, so a second topic becomes a ticket in two clicks.
document.querySelectorAll("[data-use-selection]").forEach(function (button) {
  let remembered = "";
  document.addEventListener("selectionchange", function () {
    const text = window.getSelection().toString().trim();
    if (text) remembered = text;
  });
  button.addEventListener("click", function () {
    const target = document.getElementById(button.dataset.useSelection);
    if (remembered && target) { target.value = remembered; target.focus(); }
  });
});

// The composer: Ctrl+Enter (Cmd+Enter) sends; files dropped on it are attached.
document.querySelectorAll("[data-composer]").forEach(function (form) {
  const files = form.querySelector("input[type=file]");
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("dragover", function (event) { event.preventDefault(); form.classList.add("dropping"); });
  form.addEventListener("dragleave", function () { form.classList.remove("dropping"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("dropping");
    if (files && event.dataTransfer.files.length) files.files = event.dataTransfer.files;
  });
});

// Collision warning: the page tells the server (every few seconds, through htmx) whether
// the technician typed in the composer in the last eight seconds.
(function () {
  const flag = document.getElementById("typing-flag");
  const box = document.querySelector("[data-composer] textarea");
  if (!flag || !box) return;
  let last = 0;
  box.addEventListener("input", function () {
    const first = flag.value !== "1";
    last = Date.now();
    flag.value = "1";
    if (first && window.htmx) htmx.trigger("#presence", "typing");
  });
  setInterval(function () { if (Date.now() - last > 8000) flag.value = "0"; }, 1000);
  // Leaving the page tells the others at once, instead of after the report goes stale.
  window.addEventListener("pagehide", function () {
    const presence = document.getElementById("presence");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!presence || !token || !navigator.sendBeacon) return;
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    data.append("leaving", "1");
    navigator.sendBeacon(presence.getAttribute("hx-post"), data);
  });
})();

// The ticket's action buttons open their panel (a <details>) and put the cursor in it.
document.querySelectorAll("[data-open-panel]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    const panel = document.querySelector(link.getAttribute("href"));
    if (!panel) return;
    event.preventDefault();
    panel.open = true;
    panel.scrollIntoView({ block: "start", behavior: "smooth" });
    const field = panel.querySelector("textarea, input:not([type=hidden]), select");
    if (field) field.focus({ preventScroll: true });
  });
});
