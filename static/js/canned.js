// Canned answers in the composer: "#" followed by a few letters (at the start or after a
// space) opens a list filtered as one types; arrows move, Enter or Tab inserts, Escape
// closes. The server fills the placeholders for this ticket and counts the use.
(function () {
  const data = document.getElementById("canned-answers");
  const picker = document.getElementById("canned-picker");
  const box = document.getElementById("id_body");
  if (!data || !picker || !box) return;
  const answers = JSON.parse(data.textContent);
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let shown = [], selected = 0, token = null;

  box.setAttribute("aria-controls", "canned-picker");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");

  function close() {
    picker.hidden = true;
    token = null;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function render() {
    picker.replaceChildren();
    if (!shown.length) {
      const empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = picker.dataset.empty;
      picker.append(empty);
    }
    shown.forEach(function (answer, index) {
      const option = document.createElement("div");
      option.setAttribute("role", "option");
      option.id = "canned-option-" + answer.id;
      option.setAttribute("aria-selected", index === selected ? "true" : "false");
      const title = document.createElement("strong");
      title.textContent = answer.title;
      const preview = document.createElement("span");
      preview.className = "preview";
      preview.textContent = answer.preview;
      option.append(title, preview);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); insert(answer); });
      picker.append(option);
      if (index === selected) {
        box.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    });
    picker.hidden = false;
    box.setAttribute("aria-expanded", "true");
  }

  // The "#words" just before the cursor, or null.
  function currentToken() {
    const before = box.value.slice(0, box.selectionStart);
    const match = before.match(/(^|\s)#([^\s#]{0,40}(?: [^\s#]{1,40}){0,3})$/);
    return match ? { start: before.length - match[2].length - 1, query: match[2] } : null;
  }

  function update() {
    token = currentToken();
    if (!token) { close(); return; }
    const words = fold(token.query).split(/\s+/).filter(Boolean);
    shown = answers.filter((answer) => words.every((word) => fold(answer.title + " " + answer.preview).includes(word)))
      .slice(0, 20);
    selected = 0;
    render();
  }

  function insert(answer) {
    const at = token || { start: box.selectionStart, query: "" };
    const end = at.start + 1 + at.query.length;
    const csrf = box.form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const url = picker.dataset.fillUrl.replace(/\/0\/$/, "/" + answer.id + "/");
    close();
    fetch(url, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then((response) => response.ok ? response.json() : Promise.reject(response.status))
      .then(function (filled) {
        const hasHash = box.value.charAt(at.start) === "#";
        box.setRangeText(filled.text, at.start, hasHash ? end : at.start, "end");
        box.focus();
        box.dispatchEvent(new Event("input", { bubbles: true }));
      })
      .catch(function () { box.focus(); });
  }

  box.addEventListener("input", update);
  box.addEventListener("click", update);
  box.addEventListener("blur", function () { setTimeout(close, 150); });
  box.addEventListener("keydown", function (event) {
    if (picker.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!shown.length) return;
      selected = (selected + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
      render();
    } else if ((event.key === "Enter" || event.key === "Tab") && !event.ctrlKey && !event.metaKey && shown.length) {
      event.preventDefault();
      event.stopPropagation();
      insert(shown[selected]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  document.querySelectorAll("[data-canned-open]").forEach(function (button) {
    button.addEventListener("click", function () {
      box.focus();
      const at = box.selectionStart;
      const needsSpace = at > 0 && !/\s/.test(box.value.charAt(at - 1));
      box.setRangeText((needsSpace ? " " : "") + "#", at, at, "end");
      update();
    });
  });
})();
