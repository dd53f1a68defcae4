// Options: backend URL, API key and the agent's language (chrome.storage in the extension,
// localStorage when opened from the backend at /extension/options.html).
(async function () {
  "use strict";
  const form = document.getElementById("options-form");
  const result = document.getElementById("result");
  const field = (name) => form.elements.namedItem(name);

  const settings = await AssistApi.loadSettings();
  field("backendUrl").value = settings.backendUrl;
  field("apiKey").value = settings.apiKey;
  field("agentLanguage").value = settings.agentLanguage;

  const values = () => ({
    backendUrl: field("backendUrl").value.trim().replace(/\/+$/, ""),
    apiKey: field("apiKey").value.trim(),
    agentLanguage: field("agentLanguage").value,
  });
  const say = (text, kind) => { result.textContent = text; result.className = `meta ${kind || ""}`; };

  document.getElementById("reveal").addEventListener("click", (event) => {
    const input = field("apiKey");
    input.type = input.type === "password" ? "text" : "password";
    event.currentTarget.textContent = input.type === "password" ? "Show" : "Hide";
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await AssistApi.saveSettings(values());
    await AssistApi.loadSettings(); // page mode: shows (or hides) the "Backend: …" notice
    say("Saved.", "good");
  });

  document.getElementById("test").addEventListener("click", async () => {
    say("Checking…");
    try {
      const me = await AssistApi.client(values()).get("/v1/me");
      say(`Connected to shop "${me.shop}".`, "good");
    } catch (error) {
      say(error.message, "bad");
    }
  });
})();
