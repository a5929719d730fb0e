// Saves each answer as soon as it changes, so a crash or an idle sign-out loses nothing.
// Without JavaScript the buttons save the same answers; this only saves earlier.
(function () {
  "use strict";
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var url = form.getAttribute("data-save-url") || form.getAttribute("action");
    var status = document.createElement("p");
    status.className = "help quiz-form__status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    var timers = {};

    function save(fieldset) {
      var data = new FormData();
      var key = fieldset.querySelector("input[name=question]").value;
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("question", key);
      fieldset.querySelectorAll("input[name='choice-" + key + "']:checked").forEach(function (input) {
        data.append(input.name, input.value);
      });
      var typed = fieldset.querySelector("input[name='text-" + key + "']");
      if (typed) { data.append(typed.name, typed.value); }
      fetch(url, { method: "POST", body: data, headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          status.textContent = result.saved ? form.getAttribute("data-saved-text") || "✓" : result.error;
        })
        .catch(function () { status.textContent = ""; });
    }

    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest("fieldset.question");
      if (fieldset) { save(fieldset); }
    });
    form.addEventListener("input", function (event) {
      var fieldset = event.target.closest("fieldset.question");
      if (!fieldset || event.target.type !== "text") { return; }
      clearTimeout(timers[fieldset.id]);
      timers[fieldset.id] = setTimeout(function () { save(fieldset); }, 1200);
    });
  });
})();
