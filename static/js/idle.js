/* Shows a warning with a countdown before the server's idle sign-out, with a button that
   keeps the session alive. The server signs out on its own; this only warns in time. */
(function () {
  "use strict";
  var box = document.getElementById("idle-warning");
  if (!box || !window.fetch || !window.FormData) return;

  var form = box.querySelector("form");
  var countdown = box.querySelector("[data-countdown]");
  var warningMs = Number(box.getAttribute("data-warning-seconds")) * 1000;
  var signedOutUrl = box.getAttribute("data-signed-out-url");
  var storageKey = "lms-idle-deadline";
  var deadline = Date.now() + Number(box.getAttribute("data-seconds-left")) * 1000;
  var timer = null;

  // Tabs share one session: activity in any tab moves every tab's deadline.
  function share() {
    try { window.localStorage.setItem(storageKey, String(Math.max(deadline, shared()))); } catch (e) { /* private mode */ }
  }
  function shared() {
    try { return Number(window.localStorage.getItem(storageKey)) || 0; } catch (e) { return 0; }
  }

  function format(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    window.clearTimeout(timer);
    deadline = Math.max(deadline, shared());
    var left = deadline - Date.now();
    if (left <= 0) {
      window.location.assign(signedOutUrl);
      return;
    }
    if (left <= warningMs) {
      countdown.textContent = format(left);
      if (box.hidden) {
        box.hidden = false;
        form.querySelector("button").focus();
      }
      timer = window.setTimeout(tick, 1000);
    } else {
      box.hidden = true;
      timer = window.setTimeout(tick, Math.min(left - warningMs, 60000));
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("signed out");
      return response.json();
    }).then(function (data) {
      deadline = Date.now() + data.seconds_left * 1000;
      share();
      tick();
    }).catch(function () {
      window.location.assign(signedOutUrl);
    });
  });

  window.addEventListener("storage", function (event) {
    if (event.key === storageKey) tick();
  });

  share();
  tick();
})();
