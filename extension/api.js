// Shared client for the side panel, the options page and the QA review page.
// Settings live in chrome.storage.local inside the extension; outside it ("page mode": the panel
// opened from the backend, the review page, the Playwright test) in localStorage. Page mode never
// takes the backend or the key from the URL (a stray ?key= or ?backend= is dropped from the address
// bar and ignored): the key comes from Options or the one-time /start link, and a backend other than
// the page's own origin only from the Options page, and the page then says which backend it uses.
// ?lang=xx may set the agent's language.
(function (global) {
  "use strict";

  const FIELDS = ["backendUrl", "apiKey", "agentLanguage"];
  const PARAMS = { lang: "agentLanguage" };
  const IGNORED_PARAMS = ["key", "backend"];
  const EXTENSION_DEFAULT_BACKEND = "http://127.0.0.1:8000";

  const hasChromeStorage = () => typeof chrome !== "undefined" && !!(chrome.storage && chrome.storage.local);

  async function loadSettings() {
    const settings = { backendUrl: "", apiKey: "", agentLanguage: "en" };
    if (hasChromeStorage()) {
      const stored = await chrome.storage.local.get(FIELDS);
      for (const name of FIELDS) if (stored[name]) settings[name] = stored[name];
      settings.backendUrl = settings.backendUrl || EXTENSION_DEFAULT_BACKEND;
    } else {
      for (const name of FIELDS) {
        const value = global.localStorage.getItem(`assist.${name}`);
        if (value) settings[name] = value;
      }
      const url = new URL(global.location.href);
      let changed = false;
      for (const [param, name] of Object.entries(PARAMS)) {
        const value = url.searchParams.get(param);
        if (value) {
          settings[name] = value;
          global.localStorage.setItem(`assist.${name}`, value);
          url.searchParams.delete(param);
          changed = true;
        }
      }
      for (const param of IGNORED_PARAMS) {
        if (url.searchParams.has(param)) {
          url.searchParams.delete(param);
          changed = true;
          console.warn(`assist: ignored ?${param}= in the address: set it on the Options page`);
        }
      }
      if (changed) global.history.replaceState(null, "", url.toString());
      settings.backendUrl = settings.backendUrl || global.location.origin;
    }
    settings.backendUrl = settings.backendUrl.trim().replace(/\/+$/, "");
    settings.apiKey = settings.apiKey.trim();
    if (!hasChromeStorage()) showForeignBackend(settings.backendUrl);
    return settings;
  }

  // Page mode: when Options set a backend other than this page's origin, say so on the page.
  function showForeignBackend(backendUrl) {
    const existing = global.document.getElementById("assist-backend-notice");
    let foreign = false;
    try { foreign = new URL(backendUrl).origin !== global.location.origin; } catch (_) { foreign = true; }
    if (!foreign) {
      if (existing) existing.remove();
      return;
    }
    const text = `Backend: ${backendUrl} (set in Options)`;
    if (existing) {
      existing.textContent = text;
      return;
    }
    const notice = global.document.createElement("div");
    notice.id = "assist-backend-notice";
    notice.setAttribute("role", "status");
    notice.textContent = text;
    notice.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;padding:2px 8px;" +
      "font:12px system-ui,sans-serif;background:#fff4d6;color:#5c4400;border-top:1px solid #e7c66b;";
    const add = () => global.document.body.append(notice);
    if (global.document.body) add();
    else global.document.addEventListener("DOMContentLoaded", add, { once: true });
  }

  async function saveSettings(values) {
    const clean = {};
    for (const name of FIELDS) if (name in values) clean[name] = String(values[name] || "").trim();
    if (hasChromeStorage()) {
      await chrome.storage.local.set(clean);
    } else {
      for (const [name, value] of Object.entries(clean)) {
        if (value) global.localStorage.setItem(`assist.${name}`, value);
        else global.localStorage.removeItem(`assist.${name}`);
      }
    }
  }

  // kind: "config" (nothing to call yet), "auth" (401), "network" (backend unreachable),
  // "http" (any other error status; message carries the server's detail).
  class ApiError extends Error {
    constructor(kind, message, status) {
      super(message);
      this.name = "ApiError";
      this.kind = kind;
      this.status = status || 0;
    }
  }

  function client(settings) {
    async function request(method, path, body, options = {}) {
      if (!settings.apiKey) {
        throw new ApiError("config", "No API key yet: open the link `make run` printed, or paste the shop's key into Options (the demo's is in .assist/demo-shop.key).");
      }
      const headers = { Authorization: `Bearer ${settings.apiKey}`, Accept: options.accept || "application/json" };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      let response;
      try {
        response = await fetch(settings.backendUrl + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: options.signal,
        });
      } catch (error) {
        if (error.name === "AbortError") throw error;
        throw new ApiError("network", `Cannot reach backend at ${settings.backendUrl}. Is \`assist serve\` running? (Options sets the URL.)`);
      }
      if (response.status === 401) throw new ApiError("auth", "API key rejected, check Options.", 401);
      if (!response.ok) {
        let detail = response.statusText;
        try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
        if (response.status === 404 && detail === "Not Found") detail = `${path} does not exist at ${settings.backendUrl}: is that an assist server of this version?`;
        throw new ApiError("http", `${response.status}: ${detail}`, response.status);
      }
      return response;
    }

    const json = async (method, path, body, options) => (await request(method, path, body, options)).json();

    // Server-sent events over fetch + ReadableStream (EventSource cannot POST or send headers).
    // Yields {event, data}; falls back to one "result" event when the server answers plain JSON.
    async function* stream(path, body, options = {}) {
      const response = await request("POST", path, body, { signal: options.signal, accept: "text/event-stream" });
      if (!(response.headers.get("content-type") || "").includes("text/event-stream")) {
        yield { event: "result", data: await response.json() };
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
        buffer = buffer.replace(/\r\n?/g, "\n");
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const parsed = parseEvent(block);
          if (parsed) yield parsed;
        }
        if (done) break;
      }
      const last = parseEvent(buffer);
      if (last) yield last;
    }

    return {
      settings,
      get: (path, options) => json("GET", path, undefined, options),
      post: (path, body, options) => json("POST", path, body, options),
      put: (path, body, options) => json("PUT", path, body, options),
      del: (path, options) => json("DELETE", path, undefined, options),
      stream,
    };
  }

  function parseEvent(block) {
    let event = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return null;
    const text = data.join("\n");
    try { return { event, data: JSON.parse(text) }; } catch (_) { return { event, data: text }; }
  }

  // Build DOM without innerHTML: h("div", {class: "x", onclick: fn}, "text", child, [more])
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
      else if (name === "dataset") Object.assign(el.dataset, value);
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    const add = (child) => {
      if (child === undefined || child === null || child === false) return;
      if (Array.isArray(child)) child.forEach(add);
      else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    };
    children.forEach(add);
    return el;
  }

  const languageNames = (() => {
    try { return new Intl.DisplayNames(["en"], { type: "language" }); } catch (_) { return null; }
  })();
  function languageName(code) {
    if (!code || code === "und") return "unknown language";
    try { return (languageNames && languageNames.of(code)) || code; } catch (_) { return code; }
  }

  global.AssistApi = { loadSettings, saveSettings, client, ApiError, parseEvent, h, languageName };
})(typeof window !== "undefined" ? window : self);
