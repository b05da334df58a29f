// Selecting rows for an action on several tickets: "select all" for the page, a count,
// and no self-refresh of the list while something is selected (it would lose the ticks).
(function () {
  const form = document.getElementById("bulk-form");
  const table = document.getElementById("ticket-table");
  if (!form || !table) return;
  const boxes = () => table.querySelectorAll("input[name=tickets]");
  const count = form.querySelector("[data-selected-count]");
  function update() {
    const n = Array.from(boxes()).filter((box) => box.checked).length;
    count.textContent = n ? n + " ✓" : "";
  }
  table.addEventListener("change", function (event) {
    if (event.target.matches("[data-select-all]")) boxes().forEach((box) => { box.checked = event.target.checked; });
    update();
  });
  table.addEventListener("htmx:beforeRequest", function (event) {
    if (Array.from(boxes()).some((box) => box.checked)) event.preventDefault();
  });
  table.addEventListener("htmx:afterSwap", update);
})();
