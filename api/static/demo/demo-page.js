// The demo seller inbox's own behaviour (what a real chat page would do): send a reply into the
// thread, Enter to send, and show or hide the docked assist panel.
(function () {
  "use strict";
  const form = document.getElementById("composer");
  const input = document.getElementById("reply-input");
  const thread = document.querySelector("[data-assist-thread]");

  function appendAgentMessage(text) {
    const now = new Date();
    const li = document.createElement("li");
    li.className = "msg agent";
    li.dataset.role = "agent";
    li.dataset.sentAt = now.toISOString();
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    const p = document.createElement("p");
    p.className = "text";
    p.textContent = text;
    bubble.append(p);
    const time = document.createElement("time");
    time.textContent = `${now.toLocaleString("en-GB", { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" })} · You`;
    li.append(bubble, time);
    thread.append(li);
    li.scrollIntoView({ block: "end" });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    appendAgentMessage(text);
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const toggle = document.getElementById("toggle-panel");
  toggle.addEventListener("click", () => {
    if (document.body.classList.contains("with-panel")) {
      document.body.classList.remove("with-panel");
    } else if (document.getElementById("assist-dock")) {
      document.body.classList.add("with-panel");
    } else {
      window.open("/panel", "assist-panel", "width=420,height=900");
    }
  });

  const last = thread.lastElementChild;
  if (last) last.scrollIntoView({ block: "end" });
})();
