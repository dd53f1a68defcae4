// The first-run page behind the link `assist serve` prints: /start#token=…
// The one-time token sits in the fragment (never sent to the server, so never in a log). It is traded
// once at POST /v1/demo/session for the demo shop's key, which is kept in this browser's storage like
// a key typed into Options; then the demo inbox opens, signed in.
(async function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const fail = (message) => {
    $("start-title").textContent = "This sign-in link did not work";
    $("start-status").textContent = "";
    $("start-error").textContent = message;
    $("start-help").hidden = false;
  };

  const token = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
  history.replaceState(null, "", location.pathname); // the token leaves the address bar and history
  if (!token) {
    fail("The link has no sign-in token: copy the whole link that `make run` printed.");
    return;
  }
  let response;
  try {
    response = await fetch("/v1/demo/session", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token }),
    });
  } catch (_) {
    fail(`Cannot reach the server at ${location.origin}. Is \`make run\` still running?`);
    return;
  }
  let body = {};
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok || !body.key) {
    fail(body.detail || `${response.status}: ${response.statusText}`);
    return;
  }
  // The page's own origin is the backend; a different one can only be set on the Options page.
  await AssistApi.saveSettings({ apiKey: body.key, backendUrl: "" });
  $("start-status").textContent = "Signed in. Opening the demo inbox…";
  location.replace("/demo/chat");
})();
