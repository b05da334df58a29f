// "Use this answer" / "Insert the link" beside a ticket: the text goes into the reply
// box at the cursor (after what is there), ready to be edited before sending.
(function () {
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-use-answer]");
    const box = document.querySelector("#composer textarea[name=body]");
    if (!button || !box) return;
    const text = button.dataset.useAnswer;
    const at = box.selectionStart ?? box.value.length;
    const before = box.value.slice(0, at);
    const joint = before && !before.endsWith("\n") ? "\n\n" : "";
    box.setRangeText(joint + text, at, box.selectionEnd ?? at, "end");
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
