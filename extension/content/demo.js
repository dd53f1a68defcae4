// Adapter for the backend's demo chat page (/demo/chat). Expected DOM:
//   [data-assist-conversation]  data-conversation-id, data-channel, data-customer-id, data-customer-name
//   [data-order-id]             one per order shown in the header
//   [data-assist-thread] > .msg data-role="customer|agent", data-sent-at (ISO), text in .text
//   #reply-input                the reply textarea, inside form#composer
(function () {
  "use strict";
  const $ = (selector, root = document) => root.querySelector(selector);

  function readConversation() {
    const root = $("[data-assist-conversation]");
    if (!root) return null;
    const messages = Array.from(root.querySelectorAll("[data-assist-thread] .msg")).map((el) => {
      const message = { role: el.dataset.role === "agent" ? "agent" : "customer", text: AssistBridge.cleanText($(".text", el)) };
      if (el.dataset.sentAt) message.sent_at = el.dataset.sentAt;
      return message;
    }).filter((m) => m.text);
    if (!messages.length) return null;
    const customer = {};
    if (root.dataset.customerId) customer.id = root.dataset.customerId;
    if (root.dataset.customerName) customer.name = root.dataset.customerName;
    const conversation = {
      customer,
      order_ids: Array.from(root.querySelectorAll("[data-order-id]")).map((el) => el.dataset.orderId),
      messages,
    };
    if (root.dataset.conversationId) conversation.id = root.dataset.conversationId;
    if (root.dataset.channel) conversation.channel = root.dataset.channel;
    return conversation;
  }

  AssistBridge.start({
    name: "demo",
    readConversation,
    draftInput: () => $("#reply-input"),
    threadElement: () => $("[data-assist-thread]"),
    sendControl: () => $("#composer"),
  });
})();
