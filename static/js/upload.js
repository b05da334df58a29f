// Upload page: each file goes in its own request so it gets its own progress bar
// and can be cancelled; when all are done the technician is told once.
(function () {
  const form = document.querySelector("form.uploader");
  if (!form) return;
  const texts = JSON.parse(document.getElementById("upload-texts").textContent);
  const input = form.querySelector("input[type=file]");
  const zone = form.querySelector(".dropzone");
  const list = form.querySelector(".upload-list");
  const status = form.querySelector(".upload-status");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let pending = 0, sent = 0;
  form.classList.add("js");

  function row(file) {
    const item = document.createElement("li");
    item.className = "upload-item";
    item.innerHTML = '<span class="upload-name"></span> <progress max="100" value="0"></progress> ' +
      '<span class="upload-state"></span> <button type="button" class="link-button-dark"></button>';
    item.querySelector(".upload-name").textContent = file.name;
    item.querySelector("button").textContent = texts.cancel;
    list.appendChild(item);
    return item;
  }

  function finish(item, cls, text) {
    item.classList.add(cls);
    item.querySelector(".upload-state").textContent = text;
    item.querySelector("button").remove();
    pending -= 1;
    if (pending === 0 && sent > 0) {
      const done = new XMLHttpRequest();
      done.open("POST", form.dataset.doneUrl);
      done.setRequestHeader("X-CSRFToken", token);
      done.setRequestHeader("Accept", "application/json");
      done.onload = function () { status.textContent = texts.finished; status.className = "upload-status message message-success"; };
      done.send();
    }
  }

  function send(file) {
    const item = row(file);
    const bar = item.querySelector("progress");
    const xhr = new XMLHttpRequest();
    const data = new FormData();
    data.append("files", file);
    data.append("name", file.name);
    pending += 1;
    item.querySelector(".upload-state").textContent = texts.uploading;
    item.querySelector("button").addEventListener("click", function () { xhr.abort(); });
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) bar.value = Math.round(100 * event.loaded / event.total);
    };
    xhr.onload = function () {
      let answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {errors: [texts.network]}; }
      if (xhr.status === 200 && answer.ok && answer.warnings && answer.warnings.length) {
        sent += 1; finish(item, "upload-error", answer.warnings.join(" "));
      } else if (xhr.status === 200 && answer.ok) { bar.value = 100; sent += 1; finish(item, "upload-ok", texts.done); }
      else { finish(item, "upload-error", (answer.errors || [texts.failed]).join(" ")); }
    };
    xhr.onerror = function () { finish(item, "upload-error", texts.network); };
    xhr.onabort = function () { finish(item, "upload-cancelled", texts.cancelled); };
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRFToken", token);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(data);
  }

  function sendAll(files) {
    if (!files.length) { status.textContent = texts.none; return; }
    status.textContent = "";
    status.className = "upload-status";
    Array.from(files).forEach(send);
    input.value = "";
  }

  input.addEventListener("change", function () { sendAll(input.files); });
  // Files leave as soon as they are chosen; Enter in the form never contradicts that.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (pending) { status.textContent = texts.wait; return; }
    sendAll(input.files);
  });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) { sendAll(event.dataTransfer.files); });
})();
