// The panel's link to the chat page.
//   extension mode: chrome.tabs.sendMessage to the content script of the active tab (or ?tab=<id>),
//                   page events arrive as chrome.runtime messages from that tab.
//   page mode:      window.postMessage with the page that embeds the panel (iframe) or opened it.
// Both expose: request(type, payload) -> Promise<answer>, onEvent(callback), describe().
(function (global) {
  "use strict";

  const EVENTS = new Set(["assist:draft", "assist:sent", "assist:conversationChanged", "assist:page", "assist:ready"]);

  function extensionLink() {
    const listeners = [];
    const fixed = new URL(location.href).searchParams.get("tab");
    let tabId = fixed ? Number(fixed) : null;

    async function currentTab() {
      if (tabId !== null) return tabId;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      tabId = tab ? tab.id : null;
      return tabId;
    }

    chrome.runtime.onMessage.addListener((message, sender) => {
      if (!message || !EVENTS.has(message.type) || !sender.tab || sender.tab.id !== tabId) return false;
      for (const fn of listeners) fn(message);
      return false;
    });
    if (!fixed) {
      chrome.tabs.onActivated.addListener(({ tabId: id }) => {
        tabId = id;
        for (const fn of listeners) fn({ type: "assist:tabChanged" });
      });
    }

    return {
      mode: "extension",
      async request(type, payload = {}) {
        const id = await currentTab();
        if (id === null) throw new Error("no active tab");
        try {
          return await chrome.tabs.sendMessage(id, Object.assign({ type }, payload));
        } catch (_) {
          throw new Error("This tab is not a supported chat page (or it was opened before the extension: reload it).");
        }
      },
      onEvent(fn) { listeners.push(fn); },
    };
  }

  function windowLink() {
    const target = global.parent !== global ? global.parent : global.opener;
    if (!target) return null;
    const listeners = [];
    const pending = new Map();
    let counter = 0;

    global.addEventListener("message", (event) => {
      const data = event.data;
      if (event.origin !== location.origin || event.source !== target || !data || data.assist !== "page") return;
      if (data.replyTo !== undefined && pending.has(data.replyTo)) {
        pending.get(data.replyTo)(data);
        pending.delete(data.replyTo);
      } else if (EVENTS.has(data.type)) {
        for (const fn of listeners) fn(data);
      }
    });

    function send(type, payload, timeoutMs) {
      const id = `m${++counter}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { pending.delete(id); reject(new Error("the chat page did not answer")); }, timeoutMs);
        pending.set(id, (answer) => { clearTimeout(timer); resolve(answer); });
        target.postMessage(Object.assign({ assist: "panel", id, type }, payload), location.origin);
      });
    }

    let ready = null;
    function hello() {
      if (!ready) {
        ready = (async () => {
          for (let attempt = 0; attempt < 20; attempt++) {
            try { return await send("assist:hello", {}, 300); } catch (_) { /* page still loading */ }
          }
          ready = null;
          throw new Error("The chat page does not answer: open the panel from the demo chat page (/demo/chat).");
        })();
      }
      return ready;
    }

    return {
      mode: "page",
      async request(type, payload = {}) {
        await hello();
        return send(type, payload, 3000);
      },
      onEvent(fn) { listeners.push(fn); },
    };
  }

  const inExtension = typeof chrome !== "undefined" && !!(chrome.tabs && chrome.runtime && chrome.runtime.id);
  global.AssistPanelLink = { create: () => (inExtension ? extensionLink() : windowLink()), inExtension };
})(window);
