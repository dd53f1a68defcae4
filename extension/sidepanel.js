// The side panel: reads the open conversation from the chat page, asks the backend for the whole
// assist card (POST /v1/assist), streams fresh replies (POST /v1/suggestions as SSE), checks the
// agent's draft while they type (POST /v1/qa/check) and reports what happened to each suggestion
// (POST /v1/feedback). All text goes into the DOM as text nodes (AssistApi.h), never as HTML.
(function () {
  "use strict";
  const { h, languageName, ApiError } = AssistApi;
  const $ = (id) => document.getElementById(id);
  const DRAFT_DEBOUNCE_MS = 400;

  const state = {
    api: null, settings: null, link: null, conversation: null, card: null,
    inserted: null, draftTimer: null, draftAbort: null, cardAbort: null, streamAbort: null,
  };

  // ---- status banner -------------------------------------------------------------------------
  function banner(kind, text, action) {
    const el = $("banner");
    el.replaceChildren();
    if (!kind) { el.hidden = true; el.className = "banner"; return; }
    el.className = `banner ${kind}`;
    el.append(h("span", {}, text));
    if (action) el.append(h("button", { type: "button", class: "link", onclick: action.run }, action.label));
    el.hidden = false;
  }

  function showError(error) {
    if (error && error.name === "AbortError") return;
    const kind = error instanceof ApiError ? error.kind : "page";
    const action = kind === "auth" || kind === "config" ? { label: "Open Options", run: openOptions }
      : { label: "Retry", run: load };
    banner("error", error.message || String(error), action);
  }

  function openOptions() {
    if (AssistPanelLink.inExtension) chrome.runtime.openOptionsPage();
    else window.open("options.html", "_blank", "noopener");
  }

  const show = (id, visible = true) => { $(id).hidden = !visible; };
  // DOM append() would print null as "null": drop empty parts first.
  const kids = (...parts) => parts.flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false);
  const pct = (x) => `${Math.round((Number(x) || 0) * 100)}%`;
  const humanize = (s) => String(s || "").replace(/_/g, " ");
  const date = (value) => {
    if (!value) return "—";
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  };

  // ---- buyer message, translation, intent ----------------------------------------------------
  // The buyer's recent messages: what the backend translates (Conversation.customer_text(last=3)).
  function buyerText(conversation) {
    return conversation.messages.filter((m) => m.role === "customer").slice(-3).map((m) => m.text).join("\n");
  }

  function renderMessage(card) {
    const language = typeof card.language === "string" ? card.language : (card.language || {}).language;
    const tr = card.translation;
    const agent = state.settings.agentLanguage;
    $("lang-pair").textContent = `${languageName(language)} → ${languageName(agent)}`;
    const body = $("message-body");
    body.replaceChildren();
    const original = buyerText(state.conversation);
    if (!tr || language === agent || tr.source_language === tr.target_language) {
      body.append(h("p", { class: "buyer-text", lang: language || undefined, dir: "auto" }, original),
        h("p", { class: "note" }, `The buyer writes in ${languageName(language)}: no translation needed.`));
    } else if (tr.engine === "gloss") {
      body.append(h("p", { class: "buyer-text", lang: language || undefined, dir: "auto" }, original), readingAid(tr));
    } else if (tr.engine === "none" && (card.pending || []).includes("reading_aid")) {
      // the offline reading aid follows in a moment (event "reading_aid"): the gist meanwhile
      body.append(
        h("p", { class: "buyer-text", lang: language || undefined, dir: "auto" }, original),
        h("div", { class: "gist" },
          h("div", { class: "label" }, "Word-by-word reading aid on its way — gist meanwhile"),
          tr.gist ? h("p", {}, tr.gist) : null));
    } else if (tr.engine === "none") {
      body.append(
        h("p", { class: "buyer-text", lang: language || undefined, dir: "auto" }, original),
        h("div", { class: "gist" },
          h("div", { class: "label warn" }, "Not translated (engine: none) — gist only"),
          tr.gist ? h("p", {}, tr.gist) : null,
          h("p", { class: "note" }, tr.message || `No translation engine serves ${language} → ${agent}.`)));
    } else {
      body.append(
        h("p", { class: "translation", lang: tr.target_language || agent }, tr.text),
        h("details", { class: "original" },
          h("summary", {}, `Original (${languageName(tr.source_language || language)}) · translated by ${tr.engine}`),
          h("p", { lang: language || undefined, dir: "auto" }, original)));
      if (tr.degraded) body.append(h("p", { class: "note" }, tr.degraded));
    }
    const intent = card.intent;
    const chips = $("intent-chips");
    chips.replaceChildren();
    if (intent) {
      chips.append(
        h("span", { class: "chip intent", title: `confidence ${pct(intent.confidence)}` }, humanize(intent.intent),
          h("small", {}, pct(intent.confidence))),
        h("span", { class: `chip mood ${intent.sentiment}` }, intent.sentiment),
        h("span", { class: `chip urgency ${intent.urgency}`, title: (intent.urgency_reasons || []).join("; ") || undefined },
          `${intent.urgency} urgency`));
    }
    show("sec-message");
  }

  // A word-by-word reading aid (engine "gloss"): one line per source sentence, each word a <details>
  // that opens on its source word and the dictionary's other senses. Never offered as reply text.
  function readingAid(tr) {
    const word = (w) => w.kind === "word" || w.kind === "unknown"
      ? h("details", { class: `gloss-word ${w.kind}` },
        h("summary", {}, w.gloss || w.source),
        h("span", { class: "gloss-more" },
          h("span", { class: "gloss-source", lang: tr.source_language, dir: "auto" }, w.source),
          w.senses && w.senses.length ? h("ol", { class: "gloss-senses" }, w.senses.map((s) => h("li", {}, s)))
            : h("span", { class: "note" }, w.kind === "unknown" ? " not in the dictionary" : "")))
      : (w.gloss ? h("span", { class: `gloss-${w.kind}`, title: w.source }, w.gloss) : null);
    return h("div", { class: "reading-aid", dataset: { engine: "gloss" } },
      h("div", { class: "label warn" }, "Word-by-word reading aid, not a translation"),
      h("ol", { class: "gloss-lines", lang: tr.target_language || undefined },
        (tr.gloss || []).map((line) => h("li", { class: "gloss-line", title: line.source }, kids(line.words.map(word))))),
      tr.gist ? h("p", { class: "note" }, tr.gist) : null,
      h("p", { class: "note" }, "Click a word for its source word and other senses. ", tr.message || ""));
  }

  // ---- suggestions ---------------------------------------------------------------------------
  // Blank lines become paragraph breaks (compact), single newlines stay line breaks.
  const paragraphs = (text) => String(text).split(/\n\s*\n/).map((part) => h("p", {}, part.trim()));

  function suggestionItem(s) {
    const facts = (s.facts || []).map((f) => h("span", { class: "chip fact", title: f.field },
      `${humanize(String(f.field).split(".").pop())}: ${f.value}`));
    const cites = (s.citations || []).map((id) => h("a", { class: "chip cite", href: "#", title: `policy ${id}`,
      dataset: { policyId: id }, onclick: (e) => { e.preventDefault(); focusPolicy(id); } }, `§ ${policyLabel(id)}`));
    const item = h("li", { class: "suggestion", dataset: { suggestionId: s.id } },
      h("div", { class: "reply", lang: s.language || undefined, dir: "auto" }, paragraphs(s.text)),
      s.text_in_agent_language && s.language !== state.settings.agentLanguage
        ? h("div", { class: "back", lang: state.settings.agentLanguage },
          h("div", { class: "label" }, `In ${languageName(state.settings.agentLanguage)}${s.back_translation_engine === "gloss" ? " (word-by-word reading aid, not a translation)" : s.back_translation_engine ? ` (${s.back_translation_engine})` : ""}:`),
          paragraphs(s.text_in_agent_language))
        : null,
      facts.length || cites.length ? h("div", { class: "chips small" }, cites, facts) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", class: "primary insert", onclick: () => insert(s) }, "Insert"),
        h("button", { type: "button", onclick: (e) => copy(s, e.currentTarget) }, "Copy"),
        h("button", { type: "button", class: "quiet", onclick: () => dismiss(s, item) }, "Dismiss"),
        s.engine ? h("span", { class: "meta" }, s.engine) : null));
    return item;
  }

  // Under each ask, its own line of the word-by-word reading aid (the gloss lines its words come from).
  function askGloss(text) {
    const tr = state.card && state.card.translation;
    if (!tr || tr.engine !== "gloss" || !text) return null;
    const ask = String(text).replace(/\s+/g, "");
    const lines = (tr.gloss || []).filter((line) => {
      const source = String(line.source).replace(/\s+/g, "");
      return source && (ask.includes(source) || source.includes(ask));
    });
    return lines.length ? h("div", { class: "ask-gloss note", title: "word-by-word reading aid, not a translation" },
      `≈ ${lines.map((line) => line.text).join(" ")}`) : null;
  }

  // The buyer's asks, each marked answered by the top suggestion or "not covered" with the reason.
  function renderAsks(asks) {
    let box = $("asks");
    if (!box) {
      box = h("ul", { id: "asks", class: "asks", "aria-label": "What the buyer asks" });
      $("suggestions").before(box);
    }
    box.replaceChildren(...(asks || []).map((a) => h("li", { class: a.covered ? "ask covered" : "ask uncovered",
      title: (a.answers || []).join("\n") || a.note || "" },
      h("span", { class: "chip" }, a.covered ? "answered" : "not covered"), " ",
      h("span", { dir: "auto" }, a.text), askGloss(a.text),
      a.covered ? null : h("div", { class: "note" }, a.note || ""))));
    box.hidden = !(asks && asks.length);
    // which of the shop's regions the order's shipping and customs facts came from, and what placed the buyer
    const note = (asks || []).flatMap((a) => a.answers || []).find((n) => n.startsWith("ships to "));
    orderRegion = note ? note.replace(/^ships to /, "") : "";
    const cell = $("order-region");
    if (cell) cell.textContent = orderRegion || "—";
  }
  let orderRegion = "";

  // The order's shipping place as the export gave it (city, state, country); never a street.
  function shipsTo(order) {
    return [order.shipping_city, order.shipping_state, order.shipping_country].filter(Boolean).join(", ") || "—";
  }

  function renderSuggestions(list, engine, degraded) {
    $("suggestions").replaceChildren(...list.map(suggestionItem));
    if (!list.length) $("suggestions").append(h("li", { class: "empty" }, "No suggestion for this conversation."));
    if (degraded) $("suggestions").append(h("li", { class: "note" }, degraded));
    $("suggest-engine").textContent = engine ? `· ${engine}` : "";
    show("sec-suggestions");
  }

  async function insert(s) {
    try {
      const answer = await state.link.request("assist:insert", { text: s.text });
      if (!answer || !answer.ok) throw new Error((answer && answer.error) || "the page did not take the text");
      state.inserted = { id: s.id, text: s.text };
      feedback(s.id, "inserted");
      checkDraftSoon(s.text, 0);
    } catch (error) {
      banner("error", `Could not insert the reply: ${error.message}`);
    }
  }

  async function copy(s, button) {
    try {
      await navigator.clipboard.writeText(s.text);
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = "Copy"; }, 1200);
    } catch (_) { banner("error", "The browser refused clipboard access; select the text instead."); }
  }

  function dismiss(s, item) {
    item.remove();
    feedback(s.id, "dismissed");
  }

  function feedback(suggestionId, action, finalText) {
    const body = { suggestion_id: suggestionId, action };
    if (finalText !== undefined) body.final_text = finalText;
    state.api.post("/v1/feedback", body).catch((error) => console.warn("feedback not stored:", error.message));
  }

  function onSent(text) {
    if (!state.inserted) return;
    const same = text.trim() === state.inserted.text.trim();
    feedback(state.inserted.id, same ? "sent" : "edited", same ? undefined : text);
    state.inserted = null;
  }

  async function streamReplies() {
    if (!state.conversation) return;
    if (state.streamAbort) state.streamAbort.abort();
    const abort = (state.streamAbort = new AbortController());
    const list = $("suggestions");
    list.replaceChildren(h("li", { class: "loading" }, "Writing replies…"));
    let count = 0;
    try {
      const body = { conversation: state.conversation, agent_language: state.settings.agentLanguage, n: 3 };
      for await (const { event, data } of state.api.stream("/v1/suggestions", body, { signal: abort.signal })) {
        if (event === "suggestion") {
          if (!count) list.replaceChildren();
          list.append(suggestionItem(data));
          count++;
        } else if (event === "result") {
          renderSuggestions(data.suggestions || [], data.engine);
          count = (data.suggestions || []).length;
        } else if (event === "done") {
          if (data && data.engine) $("suggest-engine").textContent = `· ${data.engine}`;
        } else if (event === "error") {
          throw new ApiError("http", (data && data.detail) || "the stream failed");
        }
      }
      if (!count) list.replaceChildren(h("li", { class: "empty" }, "No suggestion for this conversation."));
    } catch (error) {
      list.replaceChildren();
      showError(error);
    }
  }

  // ---- order, policies, summary --------------------------------------------------------------
  function renderOrder(order, lookup, others) {
    const box = $("order");
    box.replaceChildren();
    if (!order) {
      box.append(h("p", { class: "no-order" }, h("b", {}, "No order found. "), lookup || "Ask the buyer for the order number."));
    } else {
      const tracking = order.tracking_number ? `${order.carrier || "carrier"} ${order.tracking_number}` : "—";
      box.append(...kids(
        h("div", { class: "order-head" }, h("b", {}, order.order_id), h("span", { class: `status ${order.status}` }, order.status)),
        h("dl", { class: "facts" },
          h("dt", {}, "Placed"), h("dd", {}, date(order.placed_at)),
          h("dt", {}, "Shipped"), h("dd", {}, date(order.shipped_at)),
          h("dt", {}, "Delivered"), h("dd", {}, date(order.delivered_at)),
          h("dt", {}, "Total"), h("dd", {}, `${Number(order.total).toFixed(2)} ${order.currency}`),
          h("dt", {}, "Tracking"), h("dd", { class: "mono tracking" }, tracking),
          h("dt", {}, "Ships to"), h("dd", { class: "ships-to", dir: "auto" }, shipsTo(order)),
          h("dt", {}, "Region"), h("dd", { id: "order-region", class: "order-region" }, orderRegion || "—")),
        h("ul", { class: "items" }, (order.items || []).map((it) =>
          h("li", {}, h("span", {}, `${it.quantity} × ${it.name}`), h("span", { class: "mono" }, it.sku)))),
        lookup ? h("p", { class: "note" }, `Found: ${lookup}.`) : null,
        others && others.length ? h("p", { class: "note" }, `Also mentioned: ${others.join(", ")}`) : null));
    }
    show("sec-order");
  }

  function renderPolicies(policies) {
    const list = $("policies");
    list.replaceChildren(...(policies || []).map((p) => h("li", { id: `policy-${p.id}` },
      h("details", {},
        h("summary", {}, h("code", { title: p.id }, shortId(p.id)), " ", h("span", { class: "section" }, p.section),
          h("span", { class: "meta" }, ` ${p.language} · ${Number(p.score).toFixed(2)}`)),
        h("p", { class: "policy-text", lang: p.language }, p.text),
        h("p", { class: "meta" }, p.source)))));
    if (!list.children.length) list.append(h("li", { class: "empty" }, "No policy passage matched."));
    show("sec-policies");
  }

  // The shop's policy facts behind the intent, each with the sentence it was read from. A fact marked for
  // review is shown greyed and flagged: it is never used for a promise until the shop confirms it.
  function renderFacts(facts, intent) {
    const list = $("facts");
    $("facts-intent").textContent = intent ? `for ${intent}` : "";
    list.replaceChildren(...(facts || []).map((f) => h("li", { class: `fact${f.needs_review ? " review" : ""}`, "data-slot": f.slot },
      h("div", { class: "fact-head" },
        h("code", {}, f.slot), " ", h("b", { class: "fact-value" }, f.value_text),
        f.scope_text && f.scope_text !== "all" ? h("span", { class: "meta" }, ` · ${f.scope_text}`) : null,
        f.set_by_hand ? h("span", { class: "badge manual", title: "Set by hand in the shop's settings" }, "set by hand") : null,
        f.needs_review ? h("span", { class: "badge review", title: `Confidence ${Number(f.confidence).toFixed(2)}: check it before relying on it` }, "review") : null),
      f.sentence ? h("blockquote", { class: "fact-sentence", lang: f.language || "" }, f.sentence) : null,
      h("p", { class: "meta" }, [f.source, f.document].filter(Boolean).join(" · ")))));
    if (!list.children.length) list.append(h("li", { class: "empty" }, "No policy facts for this topic yet."));
    show("sec-facts");
  }

  const shortId = (id) => (String(id).length > 12 ? String(id).slice(0, 8) : String(id));
  function policyLabel(id) {
    const passage = ((state.card && state.card.policies) || []).find((p) => p.id === id);
    return passage ? `${shortId(id)} ${passage.section}` : shortId(id);
  }

  function focusPolicy(id) {
    const item = document.getElementById(`policy-${id}`);
    if (!item) return;
    item.querySelector("details").open = true;
    item.scrollIntoView({ behavior: "smooth", block: "center" });
    item.classList.add("flash");
    setTimeout(() => item.classList.remove("flash"), 1200);
  }

  function renderSummary(summary) {
    const box = $("summary");
    box.replaceChildren();
    if (!summary) { show("sec-summary", false); return; }
    const list = (title, items) => (items && items.length ? [h("h3", {}, title), h("ul", {}, items.map((x) => h("li", {}, x)))] : []);
    box.append(...kids(h("p", {}, summary.summary),
      summary.customer_ask ? h("p", {}, h("b", {}, "Asks: "), summary.customer_ask) : null,
      list("Done so far", summary.actions_taken), list("Open", summary.open_items)));
    show("sec-summary");
  }

  function renderNotes(card) {
    const notes = card.notes || [];
    const total = Number((card.timings_ms || {}).total) || 0;
    const engines = Object.entries(card.engines || {}).map(([task, engine]) => `${task}: ${engine}`).join(" · ");
    $("footer").replaceChildren(...kids(
      notes.map((n) => h("p", { class: "note warn-note" }, n)),
      engines ? h("p", { class: "note" }, `Engines — ${engines}`) : null,
      total ? h("p", { class: "note" }, `Answered in ${Math.round(total)} ms`) : null));
  }

  // ---- draft check ---------------------------------------------------------------------------
  function checkDraftSoon(text, delay = DRAFT_DEBOUNCE_MS) {
    clearTimeout(state.draftTimer);
    state.draftTimer = setTimeout(() => checkDraft(text), delay);
  }

  function evidenceView(draft, evidence) {
    if (!evidence || !evidence.text) return null;
    let start = Number.isInteger(evidence.start) ? evidence.start : draft.indexOf(evidence.text);
    let end = Number.isInteger(evidence.end) ? evidence.end : start + evidence.text.length;
    if (start < 0 || end > draft.length || draft.slice(start, end) !== evidence.text) {
      start = draft.indexOf(evidence.text);
      end = start + evidence.text.length;
    }
    if (start < 0) return h("blockquote", { class: "evidence" }, h("mark", {}, evidence.text));
    const before = draft.slice(Math.max(0, start - 40), start);
    const after = draft.slice(end, end + 40);
    return h("blockquote", { class: "evidence" }, start > 40 ? "…" : "", before, h("mark", {}, draft.slice(start, end)), after,
      end + 40 < draft.length ? "…" : "");
  }

  async function checkDraft(text) {
    show("sec-draft");
    const list = $("draft-issues");
    const status = $("draft-state");
    if (state.draftAbort) state.draftAbort.abort();
    if (!text.trim() || !state.conversation) {
      list.replaceChildren();
      status.textContent = "type in the chat box";
      status.className = "meta";
      return;
    }
    const abort = (state.draftAbort = new AbortController());
    status.textContent = "checking…";
    try {
      const body = { conversation: state.conversation, draft: text, agent_language: state.settings.agentLanguage };
      const result = await state.api.post("/v1/qa/check", body, { signal: abort.signal });
      const issues = result.issues || [];
      status.textContent = issues.length ? `${issues.length} issue${issues.length > 1 ? "s" : ""}` : "no issues";
      status.className = issues.length ? "meta bad" : "meta good";
      list.replaceChildren(...issues.map((issue) => h("li", { class: `issue ${issue.severity}`, dataset: { check: issue.check } },
        h("div", { class: "issue-head" }, h("span", { class: `sev ${issue.severity}` }, issue.severity), h("b", {}, humanize(issue.check))),
        h("p", {}, issue.message),
        evidenceView(text, issue.evidence))));
    } catch (error) {
      if (error.name === "AbortError") return;
      status.textContent = "check failed";
      status.className = "meta bad";
      showError(error);
    }
  }

  // ---- the conversation ----------------------------------------------------------------------
  async function load() {
    if (state.cardAbort) state.cardAbort.abort();
    const abort = (state.cardAbort = new AbortController());
    banner(null);
    state.settings = await AssistApi.loadSettings();
    state.api = AssistApi.client(state.settings);
    if (!state.link) {
      banner("info", "Open the side panel next to a chat page (or the demo page at /demo/chat).");
      return;
    }
    if (!state.settings.apiKey) {
      showError(new ApiError("config", "No API key yet: open the link `make run` printed, or paste the shop's key into Options (the demo's is in .assist/demo-shop.key)."));
      return;
    }
    let answer;
    try {
      answer = await state.link.request("assist:getConversation");
    } catch (error) {
      banner("info", error.message);
      return;
    }
    if (!answer || !answer.conversation) {
      banner("info", "No conversation on this page yet: open a buyer's conversation.");
      return;
    }
    state.conversation = answer.conversation;
    const customer = state.conversation.customer || {};
    $("who").textContent = [customer.name || "Buyer", state.conversation.channel, state.conversation.id].filter(Boolean).join(" · ");
    $("card").setAttribute("aria-busy", "true");
    banner("loading", `Reading the conversation (${state.conversation.messages.length} messages)…`);
    try {
      // The progressive card: the offline card at once ("card"), then the offline reading aid
      // ("reading_aid") and each part a chat model writes ("translation", "suggestions", "summary")
      // swapped in as it arrives, then "done".
      const body = { conversation: state.conversation, agent_language: state.settings.agentLanguage };
      let card = null;
      for await (const { event, data } of state.api.stream("/v1/assist", body, { signal: abort.signal })) {
        if (event === "card" || event === "result") {
          card = state.card = data;
          banner(null);
          renderCard(card);
          for (const part of card.pending || []) llmMark(part, "pending");
          $("card").setAttribute("aria-busy", "false");
          if (answer.draft) checkDraftSoon(answer.draft, 0);
        } else if (card && event === "reading_aid") {
          // the offline word-by-word reading aid, replacing the gist (never a chat model's translation)
          card.pending = (card.pending || []).filter((part) => part !== "reading_aid");
          if (!card.translation || card.translation.engine === "none") {
            card.translation = data;
            card.engines = Object.assign({}, card.engines, { translation: data.engine });
          }
          LLM_PARTS.translation(card);
        } else if (card && LLM_PARTS[event]) {
          card[event] = data;
          card.engines = Object.assign({}, card.engines, { [event]: data.engine });
          LLM_PARTS[event](card);
          llmMark(event, data.degraded ? "failed" : "done", data.engine, data.degraded);
        } else if (card && event === "done") {
          Object.assign(card, { engines: data.engines, timings_ms: data.timings_ms, notes: data.notes, pending: [] });
          if (card.translation && card.translation.engine === "none") renderMessage(card);  // no reading aid came
          for (const part of Object.keys(LLM_PARTS)) if (llmState(part) === "pending") llmMark(part, "failed");
          renderNotes(card);
        } else if (event === "error") {
          throw new ApiError("http", (data && data.detail) || "the card stream failed");
        }
      }
    } catch (error) {
      showError(error);
    } finally {
      $("card").setAttribute("aria-busy", "false");
    }
  }

  function renderCard(card) {
    renderMessage(card);
    const set = card.suggestions || {};
    renderSuggestions(Array.isArray(set) ? set : set.suggestions || [], set.engine, set.degraded);
    renderAsks(card.asks || set.asks);
    renderOrder(card.order, card.order_lookup, card.other_orders);
    renderPolicies(card.policies);
    renderFacts(card.policy_facts, card.intent && card.intent.intent);
    renderSummary(card.summary);
    renderNotes(card);
    show("sec-draft");
  }

  // ---- chat-model parts that follow the offline card ----------------------------------------
  const LLM_SECTIONS = { translation: "sec-message", suggestions: "sec-suggestions", summary: "sec-summary" };
  const LLM_PARTS = {
    translation: (card) => {
      renderMessage(card);
      renderAsks(card.suggestions && card.suggestions.asks && card.suggestions.asks.length ? card.suggestions.asks : card.asks);
    },
    suggestions: (card) => {
      renderSuggestions(card.suggestions.suggestions || [], card.suggestions.engine, card.suggestions.degraded);
      renderAsks(card.suggestions.asks && card.suggestions.asks.length ? card.suggestions.asks : card.asks);
    },
    summary: (card) => renderSummary(card.summary),
  };
  const llmState = (part) => $(LLM_SECTIONS[part]).dataset.llm || "";

  // A badge in the section's heading: "LLM writing…" while the model works, then "by LLM (engine)"
  // once its version replaced the offline one, or "offline only" when the model gave nothing usable.
  function llmMark(part, status, engine, why) {
    const section = $(LLM_SECTIONS[part]);
    if (!section) return;
    section.dataset.llm = status;
    const heading = section.querySelector("h2");
    let badge = heading.querySelector(".llm-badge");
    if (!badge) {
      badge = h("span", { class: "llm-badge" });
      heading.insertBefore(badge, heading.querySelector(".link"));
    }
    badge.className = `llm-badge ${status}`;
    badge.textContent = status === "pending" ? "LLM writing…" : status === "done" ? `by LLM${engine ? ` · ${engine}` : ""}` : "offline only";
    badge.title = status === "pending" ? "The offline engines answered; a language model is still writing this part."
      : status === "done" ? "Written by the language model after the offline card; checked against the order and policies."
        : why || "The language model gave nothing usable for this part; the offline version stays.";
  }

  function onPageEvent(event) {
    if (event.type === "assist:draft") checkDraftSoon(event.text || "");
    else if (event.type === "assist:sent") onSent(event.text || "");
    else if (event.type === "assist:conversationChanged") {
      banner("info", "New messages in the conversation.", { label: "Refresh", run: load });
    } else if (event.type === "assist:tabChanged" || event.type === "assist:page" || event.type === "assist:ready") {
      if (!state.conversation || event.type === "assist:tabChanged") load();
    }
  }

  function start() {
    state.link = AssistPanelLink.create();
    if (state.link) state.link.onEvent(onPageEvent);
    $("refresh").addEventListener("click", load);
    $("more-replies").addEventListener("click", streamReplies);
    $("options").addEventListener("click", (e) => { e.preventDefault(); openOptions(); });
    if (AssistPanelLink.inExtension) {
      chrome.storage.onChanged.addListener(() => load());
    } else {
      window.addEventListener("storage", (e) => { if (e.key && e.key.startsWith("assist.")) load(); });
    }
    load();
  }

  start();
})();
