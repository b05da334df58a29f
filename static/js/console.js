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
