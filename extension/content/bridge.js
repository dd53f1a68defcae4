// Bridge between a chat page and the assist panel. Each adapter (demo.js, shopify-inbox.js,
// ebay-messages.js) knows one page layout and calls AssistBridge.start(adapter) with:
//   name                      short id of the layout
//   readConversation()        -> {id?, channel?, customer:{id?, name?}, order_ids:[], messages:[{role, text, sent_at?}]} | null
//   draftInput()              -> the element the agent types into (textarea, input or contenteditable) | null
//   threadElement()           -> the element holding the messages (watched for new messages) | null
//   sendControl()             -> the send button or form (optional; used to report what was sent)
// Transport: as a content script (extension mode) it answers chrome.runtime messages from the side
// panel; loaded by the page itself (page mode, the backend's demo page) it talks to a panel frame
// of the same origin through window.postMessage.
(function () {
  "use strict";
  if (window.AssistBridge) return;

  const inExtension = typeof chrome !== "undefined" && !!(chrome.runtime && chrome.runtime.id && chrome.runtime.onMessage);

  function draftText(el) {
    if (!el) return "";
    if ("value" in el && (el.tagName === "TEXTAREA" || el.tagName === "INPUT")) return el.value;
    return el.innerText || el.textContent || "";
  }

  // Set the text the way a user would, so that framework-controlled inputs (React, Vue) notice.
  function setDraft(el, text) {
    if (!el) return false;
    el.focus();
    if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") {
      const proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const setter = Object.getOwnPropertyDescriptor(proto, "value").set;
      setter.call(el, text);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }
    if (el.isContentEditable) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (!document.execCommand("insertText", false, text)) {
        el.textContent = text;
        el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
      }
      return true;
    }
    return false;
  }

  function cleanText(node) {
    return (node ? node.innerText || node.textContent || "" : "").replace(/\u00a0/g, " ").trim();
  }

  function start(adapter) {
    const panels = new Set(); // page mode: panel windows that said hello
    let lastSentHandled = "";

    function push(message) {
      const payload = Object.assign({ adapter: adapter.name }, message);
      if (inExtension) {
        chrome.runtime.sendMessage(payload).catch(() => {}); // no panel open: nobody listens
      } else {
        for (const win of panels) win.postMessage(Object.assign({ assist: "page" }, payload), location.origin);
      }
    }

    function handle(request) {
      switch (request.type) {
        case "assist:getConversation":
          return { ok: true, adapter: adapter.name, conversation: adapter.readConversation(), draft: draftText(adapter.draftInput()) };
        case "assist:insert": {
          const done = setDraft(adapter.draftInput(), String(request.text || ""));
          return done ? { ok: true } : { ok: false, error: "no reply box found on this page" };
        }
        case "assist:getDraft":
          return { ok: true, draft: draftText(adapter.draftInput()) };
        default:
          return null;
      }
    }

    if (inExtension) {
      chrome.runtime.onMessage.addListener((request, sender, sendResponse) => {
        if (!request || sender.id !== chrome.runtime.id) return false;
        const answer = handle(request);
        if (answer) sendResponse(answer);
        return false;
      });
      chrome.runtime.sendMessage({ type: "assist:page", adapter: adapter.name }).catch(() => {});
    } else {
      window.addEventListener("message", (event) => {
        const data = event.data;
        if (event.origin !== location.origin || !data || data.assist !== "panel" || !event.source) return;
        if (data.type === "assist:hello") panels.add(event.source);
        const answer = data.type === "assist:hello" ? { ok: true, adapter: adapter.name } : handle(data);
        if (answer) event.source.postMessage(Object.assign({ assist: "page", replyTo: data.id }, answer), event.origin);
      });
      // Tell panels that loaded before us (an iframe dock, an opener) that the page is ready.
      for (const win of [window.opener, ...Array.from(window.frames)]) {
        try { if (win) win.postMessage({ assist: "page", type: "assist:ready", adapter: adapter.name }, location.origin); } catch (_) { /* cross-origin frame */ }
      }
    }

    // The agent's draft, as they type (the panel debounces and checks it).
    const onInput = (event) => {
      const input = adapter.draftInput();
      if (input && (event.target === input || input.contains(event.target))) push({ type: "assist:draft", text: draftText(input) });
    };
    document.addEventListener("input", onInput, true);

    // What the agent sent (capture phase: before the page clears the box).
    const reportSend = () => {
      const text = draftText(adapter.draftInput()).trim();
      if (text && text !== lastSentHandled) {
        lastSentHandled = text;
        push({ type: "assist:sent", text });
        setTimeout(() => { lastSentHandled = ""; }, 1000);
      }
    };
    document.addEventListener("submit", (event) => {
      const control = adapter.sendControl && adapter.sendControl();
      if (control && (event.target === control || control.contains(event.target))) reportSend();
    }, true);
    document.addEventListener("click", (event) => {
      const control = adapter.sendControl && adapter.sendControl();
      if (control && control.tagName === "BUTTON" && control.contains(event.target)) reportSend();
    }, true);

    // New messages in the thread: the panel offers a refresh.
    const thread = adapter.threadElement && adapter.threadElement();
    if (thread) {
      let timer = null;
      new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(() => push({ type: "assist:conversationChanged" }), 600);
      }).observe(thread, { childList: true, subtree: true });
    }
  }

  window.AssistBridge = { start, cleanText, draftText, setDraft, inExtension };
})();
