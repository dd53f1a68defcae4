// Adapter for a Shopify Inbox-like layout (a conversation log next to a customer card).
// Written against the DOM described below, not against a live shop: check these selectors
// against your admin and adjust SELECTORS when the layout differs (see extension/README.md).
//   conversation root  [data-conversation-id]        (falls back to <main>)
//   customer name      [data-customer-name]          (attribute value, else its text)
//   customer id        [data-customer-id]
//   thread             [role="log"]
//   message            [data-message-author="customer|staff|merchant|bot"] inside the thread
//   message text       [data-message-body]           (falls back to the message's own text)
//   message time       time[datetime]
//   order references   a[href*="/orders/"]           (text is the order name, e.g. "#NL-104233")
//   reply box          [role="textbox"][contenteditable="true"], or textarea[name="message"]
//   send               button[type="submit"] in the reply form, or button[aria-label="Send"]
(function () {
  "use strict";
  const SELECTORS = {
    root: "[data-conversation-id]",
    customerName: "[data-customer-name]",
    customerId: "[data-customer-id]",
    thread: '[role="log"]',
    message: "[data-message-author]",
    body: "[data-message-body]",
    time: "time[datetime]",
    orderLink: 'a[href*="/orders/"]',
    replyBox: '[role="textbox"][contenteditable="true"], textarea[name="message"]',
    send: 'button[aria-label="Send"], form button[type="submit"]',
  };
  const $ = (selector, root = document) => root.querySelector(selector);
  const CUSTOMER = new Set(["customer", "buyer", "visitor"]);

  function readConversation() {
    const root = $(SELECTORS.root) || $("main") || document.body;
    const thread = $(SELECTORS.thread, root);
    if (!thread) return null;
    const messages = Array.from(thread.querySelectorAll(SELECTORS.message)).map((el) => {
      const time = $(SELECTORS.time, el);
      const message = {
        role: CUSTOMER.has((el.getAttribute("data-message-author") || "").toLowerCase()) ? "customer" : "agent",
        text: AssistBridge.cleanText($(SELECTORS.body, el) || el),
      };
      if (time) message.sent_at = time.getAttribute("datetime");
      return message;
    }).filter((m) => m.text);
    if (!messages.length) return null;
    const nameEl = $(SELECTORS.customerName, root) || $(SELECTORS.customerName);
    const idEl = $(SELECTORS.customerId, root) || $(SELECTORS.customerId);
    const customer = {};
    const name = nameEl && (nameEl.getAttribute("data-customer-name") || AssistBridge.cleanText(nameEl));
    if (name) customer.name = name;
    if (idEl) customer.id = idEl.getAttribute("data-customer-id");
    const orderIds = Array.from(document.querySelectorAll(SELECTORS.orderLink))
      .map((a) => AssistBridge.cleanText(a).replace(/^#/, "")).filter(Boolean);
    const conversation = { channel: "shopify_chat", customer, order_ids: [...new Set(orderIds)], messages };
    const convId = root.getAttribute && root.getAttribute("data-conversation-id");
    if (convId) conversation.id = convId;
    return conversation;
  }

  AssistBridge.start({
    name: "shopify-inbox",
    readConversation,
    draftInput: () => $(SELECTORS.replyBox),
    threadElement: () => $(SELECTORS.thread),
    sendControl: () => $(SELECTORS.send),
  });
})();
