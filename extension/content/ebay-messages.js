// Adapter for an eBay-messages-like layout (a buyer thread about one item or order).
// Written against the DOM described below, not against the live site: check these selectors
// against the page and adjust SELECTORS when the layout differs (see extension/README.md).
//   thread             .msg-thread, or [data-testid="message-thread"]
//   message            .msg-item; sender from data-sender="buyer|seller" or class msg-item--buyer / --seller
//   message text       .msg-body
//   message time       time[datetime], or .msg-time[data-timestamp] (ISO 8601)
//   buyer              .msg-header .msg-buyer-id (user id), .msg-header .msg-buyer-name
//   order              [data-order-number] (attribute), or .msg-order-number text
//   item id            [data-item-id] (sent as the conversation id prefix "ebay-item-<id>")
//   reply box          textarea#msgReply, or textarea[name="reply"]
//   send               button.msg-send, or button[data-testid="send-button"]
(function () {
  "use strict";
  const SELECTORS = {
    thread: '.msg-thread, [data-testid="message-thread"]',
    message: ".msg-item",
    body: ".msg-body",
    time: "time[datetime], .msg-time[data-timestamp]",
    buyerId: ".msg-header .msg-buyer-id",
    buyerName: ".msg-header .msg-buyer-name",
    order: "[data-order-number], .msg-order-number",
    item: "[data-item-id]",
    replyBox: 'textarea#msgReply, textarea[name="reply"]',
    send: 'button.msg-send, button[data-testid="send-button"]',
  };
  const $ = (selector, root = document) => root.querySelector(selector);

  function roleOf(el) {
    const sender = (el.getAttribute("data-sender") || "").toLowerCase();
    if (sender) return sender === "buyer" ? "customer" : "agent";
    return el.classList.contains("msg-item--buyer") ? "customer" : "agent";
  }

  function readConversation() {
    const thread = $(SELECTORS.thread);
    if (!thread) return null;
    const messages = Array.from(thread.querySelectorAll(SELECTORS.message)).map((el) => {
      const message = { role: roleOf(el), text: AssistBridge.cleanText($(SELECTORS.body, el)) };
      const time = $(SELECTORS.time, el);
      if (time) message.sent_at = time.getAttribute("datetime") || time.getAttribute("data-timestamp");
      return message;
    }).filter((m) => m.text);
    if (!messages.length) return null;
    const customer = {};
    const buyerId = AssistBridge.cleanText($(SELECTORS.buyerId));
    const buyerName = AssistBridge.cleanText($(SELECTORS.buyerName));
    if (buyerId) customer.id = buyerId;
    if (buyerName || buyerId) customer.name = buyerName || buyerId;
    const orders = Array.from(document.querySelectorAll(SELECTORS.order))
      .map((el) => (el.getAttribute("data-order-number") || AssistBridge.cleanText(el)).replace(/^order\s*#?\s*/i, ""))
      .filter(Boolean);
    const conversation = { channel: "ebay", customer, order_ids: [...new Set(orders)], messages };
    const item = $(SELECTORS.item);
    if (item) conversation.id = `ebay-item-${item.getAttribute("data-item-id")}`;
    return conversation;
  }

  AssistBridge.start({
    name: "ebay-messages",
    readConversation,
    draftInput: () => $(SELECTORS.replyBox),
    threadElement: () => $(SELECTORS.thread),
    sendControl: () => $(SELECTORS.send),
  });
})();
