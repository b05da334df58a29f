// Console keyboard: j/k move through a list, Enter opens, c takes, r replies, n writes an
// internal note, / searches (shortcuts.js), ? lists them. Never while typing in a field.
(function () {
  let current = -1;

  function rows() { return Array.from(document.querySelectorAll("#ticket-table tbody tr")); }

  function mark(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) { row.classList.toggle("kbd-current", i === current); });
    all[current].scrollIntoView({block: "nearest"});
  }

  function typing(target) {
    return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
  }

  function submit(form) { if (form) form.requestSubmit ? form.requestSubmit() : form.submit(); }

  function compose(kind) {
    const choice = document.querySelector("#composer input[name=kind][value=" + kind + "]");
    const field = document.querySelector("#composer textarea");
    if (!choice || !field) return false;
    choice.checked = true;
    field.focus();
    field.scrollIntoView({block: "center"});
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const help = document.getElementById("shortcuts-help");
    const row = rows()[current];
    let handled = true;
    switch (event.key) {
      case "j": mark(current + 1); break;
      case "k": mark(current < 0 ? 0 : current - 1); break;
      case "Enter":
        if (row && row.querySelector("a.code")) window.location = row.querySelector("a.code").href; else handled = false;
        break;
      case "c":
        submit(row ? row.querySelector("form[action$='/claim/']") : document.querySelector("form[data-take]"));
        break;
      case "r": handled = compose("reply"); break;
      case "n": handled = compose("note"); break;
      case "?": if (help) { help.open ? help.close() : help.showModal(); } break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  // The queue refreshes itself: keep the marked row marked.
  document.addEventListener("htmx:afterSwap", function () { if (current >= 0) mark(current); });
})();
