// Service worker: the side panel is off by default and enabled per tab when one of our content
// scripts (injected only on known chat pages, see manifest.json) announces the page.
// Network calls and streaming happen in the panel itself, never here.

chrome.runtime.onInstalled.addListener(() => {
  chrome.sidePanel.setOptions({ enabled: false });
});

chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((error) => console.error(error));

chrome.runtime.onMessage.addListener((message, sender) => {
  if (message && message.type === "assist:page" && sender.tab && sender.tab.id !== undefined) {
    chrome.sidePanel.setOptions({ tabId: sender.tab.id, path: "sidepanel.html", enabled: true });
    chrome.action.setBadgeText({ tabId: sender.tab.id, text: "on" });
    chrome.action.setBadgeBackgroundColor({ tabId: sender.tab.id, color: "#2f6f4f" });
  }
});
