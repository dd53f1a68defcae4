// QA review page: scored conversations (GET /v1/qa/reviews), one conversation with each
// category's evidence highlighted (GET /v1/qa/reviews/{id}), a reviewer's override per category
// (PUT /v1/qa/reviews/{id}) and reviewer/scorer agreement (GET /v1/qa/agreement).
// The API key is kept in localStorage (same keys as the panel's page mode). Text is never parsed as HTML.
(function () {
  "use strict";
  const { h, ApiError, languageName } = AssistApi;
  const $ = (id) => document.getElementById(id);
  const state = { api: null, reviews: [], current: null, categories: new Set() };
  const humanize = (s) => String(s || "").replace(/_/g, " ");
  const num = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(Number(x)) ? "—" : Number(x).toFixed(digits).replace(/\.0+$/, ""));
  const when = (v) => { const d = v ? new Date(v) : null; return d && !Number.isNaN(d.getTime()) ? d.toLocaleString("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }) : ""; };

  function toast(text, kind) {
    const el = $("toast");
    el.textContent = text;
    el.className = `toast ${kind || ""}`;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.hidden = true; }, 3500);
  }

  function fail(error, where) {
    if (error instanceof ApiError && (error.kind === "auth" || error.kind === "config")) return showLogin(error.message);
    where.replaceChildren(h("p", { class: "error" }, error.message || String(error)));
  }

  // ---- login ---------------------------------------------------------------------------------
  function showLogin(message) {
    $("app").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("login-key").focus();
  }

  async function start() {
    const settings = await AssistApi.loadSettings();
    state.api = AssistApi.client(settings);
    $("reviewer").value = localStorage.getItem("assist.reviewer") || "";
    if (!settings.apiKey) return showLogin("");
    $("login").hidden = true;
    $("app").hidden = false;
    await Promise.all([loadList(), loadAgreement()]);
    const wanted = new URL(location.href).searchParams.get("review");
    if (wanted) openReview(wanted);
  }

  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = $("login-key").value.trim();
    const probe = AssistApi.client({ backendUrl: location.origin, apiKey: key });
    try {
      await probe.get("/v1/me");
    } catch (error) {
      $("login-error").textContent = error.message;
      return;
    }
    await AssistApi.saveSettings({ apiKey: key, backendUrl: location.origin });
    start();
  });
  $("logout").addEventListener("click", () => { localStorage.removeItem("assist.apiKey"); showLogin(""); });
  $("reviewer").addEventListener("change", (e) => localStorage.setItem("assist.reviewer", e.target.value.trim()));

  // ---- agreement -----------------------------------------------------------------------------
  // {categories: {name: {n, percent_agreement, kappa, confusion}}, overall: stats | null, reviewed_items}
  async function loadAgreement() {
    const box = $("agreement");
    const body = $("agreement-table").tBodies[0];
    try {
      const a = await state.api.get("/v1/qa/agreement");
      const overall = a.overall;
      box.replaceChildren(...(overall
        ? [h("span", { class: "fig" }, h("b", {}, `${num(overall.percent_agreement, 0)}%`), " agreement"),
          h("span", { class: "fig" }, "κ ", h("b", {}, overall.kappa === null ? "n/a" : num(overall.kappa, 2))),
          h("span", { class: "fig" }, h("b", {}, String(a.reviewed_items)), " reviewed")]
        : [h("span", { class: "fig" }, "no reviewer overrides yet")]));
      body.replaceChildren(...Object.entries(a.categories || {}).map(([name, st]) => h("tr", {},
        h("td", { class: "name" }, humanize(name)), h("td", {}, String(st.n)), h("td", {}, `${num(st.percent_agreement, 0)}%`),
        h("td", {}, st.kappa === null ? "n/a" : num(st.kappa, 2)))));
      if (!body.rows.length) body.append(h("tr", {}, h("td", { colspan: "4", class: "hint" }, "Override a category to compare.")));
    } catch (error) {
      box.replaceChildren(h("span", { class: "error", title: error.message }, "agreement unavailable"));
    }
  }

  // ---- list ----------------------------------------------------------------------------------
  function query() {
    const form = new FormData($("filters"));
    const params = new URLSearchParams();
    for (const [name, value] of form.entries()) if (String(value).trim()) params.set(name, String(value).trim());
    if (params.has("date_to")) params.set("date_to", `${params.get("date_to")}T23:59:59`);
    if (params.has("category")) params.set("failed", "true"); // the filter means "failed this category"
    return params.toString();
  }

  function failedNames(review) {
    if (Array.isArray(review.failed_categories)) return review.failed_categories;
    return (review.categories || []).filter((c) => c.applicable !== false && !effective(c).passed).map((c) => c.name);
  }

  // The reviewer's override wins over the automatic score.
  function effective(category) {
    const o = category.override || category.reviewer_override;
    return o ? Object.assign({}, category, o, { overridden: true }) : category;
  }

  async function loadList() {
    const list = $("reviews");
    $("list-state").textContent = "Loading…";
    try {
      const qs = query();
      const data = await state.api.get(`/v1/qa/reviews${qs ? `?${qs}` : ""}`);
      state.reviews = Array.isArray(data) ? data : data.items || [];
      for (const r of state.reviews) for (const c of r.categories || []) state.categories.add(c.name);
      fillCategoryFilter();
      const total = data.total ?? state.reviews.length;
      $("list-state").textContent = `${total} scored conversation${total === 1 ? "" : "s"}${total > state.reviews.length ? ` (first ${state.reviews.length})` : ""}`;
      list.replaceChildren(...state.reviews.map(reviewItem));
    } catch (error) {
      $("list-state").textContent = "";
      fail(error, list);
    }
  }

  function fillCategoryFilter() {
    const select = $("filters").elements.namedItem("category");
    const chosen = select.value;
    select.replaceChildren(h("option", { value: "" }, "any"), ...[...state.categories].sort().map((n) => h("option", { value: n }, humanize(n))));
    select.value = chosen;
  }

  function reviewItem(r) {
    const failed = failedNames(r);
    const total = r.total;
    return h("li", { class: state.current && state.current.id === r.id ? "current" : "", dataset: { reviewId: r.id } },
      h("a", { href: `?review=${encodeURIComponent(r.id)}`, onclick: (e) => { e.preventDefault(); openReview(r.id); } },
        h("div", { class: "row1" }, h("b", {}, r.conversation_id || r.id), h("span", { class: `score ${failed.length ? "bad" : "good"}` }, num(total))),
        h("div", { class: "row2" }, [r.agent || "no agent", when(r.conversation_at || r.created_at)].filter(Boolean).join(" · ")),
        failed.length ? h("div", { class: "fails" }, failed.map((n) => h("span", { class: "tag" }, humanize(n)))) : null,
        r.reviewed ? h("span", { class: "reviewed" }, "reviewed") : null));
  }

  $("filters").addEventListener("submit", (e) => { e.preventDefault(); loadList(); });

  // ---- one review ----------------------------------------------------------------------------
  async function openReview(id) {
    const detail = $("detail");
    detail.replaceChildren(h("p", { class: "state" }, "Loading…"));
    try {
      const review = await state.api.get(`/v1/qa/reviews/${encodeURIComponent(id)}`);
      state.current = review;
      history.replaceState(null, "", `?review=${encodeURIComponent(id)}`);
      for (const li of $("reviews").children) li.classList.toggle("current", li.dataset.reviewId === String(id));
      renderReview(review);
    } catch (error) {
      fail(error, detail);
    }
  }

  // Split a message into segments at every evidence boundary; each segment knows its categories.
  function highlighted(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i < points.length - 1; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      const piece = text.slice(a, b);
      if (!covering.length) out.push(piece);
      else out.push(h("mark", { class: covering.map((s) => (s.passed ? "ok" : "bad")).includes("bad") ? "bad" : "ok",
        title: covering.map((s) => humanize(s.name)).join(", "), dataset: { categories: covering.map((s) => s.name).join(" ") } }, piece));
    }
    return out;
  }

  function spansByMessage(review, messages) {
    const byMessage = new Map();
    for (const category of review.categories || []) {
      const c = effective(category);
      for (const ev of category.evidence || []) {
        let index = ev.message_index;
        if (index === null || index === undefined) index = messages.findIndex((m) => ev.text && m.text.includes(ev.text));
        if (index < 0 || !messages[index]) continue;
        const text = messages[index].text;
        let start = Number.isInteger(ev.start) ? ev.start : text.indexOf(ev.text || "");
        let end = Number.isInteger(ev.end) ? ev.end : start + (ev.text || "").length;
        if (ev.text && text.slice(start, end) !== ev.text && text.includes(ev.text)) { start = text.indexOf(ev.text); end = start + ev.text.length; }
        if (start < 0 || end <= start) { start = 0; end = text.length; }
        if (!byMessage.has(index)) byMessage.set(index, []);
        byMessage.get(index).push({ name: c.name, passed: c.passed, start, end });
      }
    }
    return byMessage;
  }

  function renderReview(review) {
    const conversation = review.conversation || {};
    const messages = conversation.messages || [];
    const spans = spansByMessage(review, messages);
    const customer = conversation.customer || {};
    const total = review.total;
    const header = h("div", { class: "detail-head" },
      h("div", {}, h("h1", {}, review.conversation_id || conversation.id || review.id),
        h("div", { class: "sub" }, [customer.name, customer.language && languageName(customer.language), conversation.channel, review.agent && `agent ${review.agent}`]
          .filter(Boolean).join(" · "))),
      h("div", { class: `total ${failedNames(review).length ? "bad" : "good"}` }, h("b", {}, num(total)), h("small", {}, ` / ${num(review.max_total ?? 100)}`)));
    const thread = h("ol", { class: "thread" }, messages.map((m, i) => h("li", { class: `msg ${m.role}`, id: `msg-${i}` },
      h("div", { class: "bubble", dir: "auto" }, highlighted(m.text, spans.get(i) || [])),
      h("time", {}, [when(m.sent_at), m.role === "agent" ? m.author || review.agent : customer.name].filter(Boolean).join(" · ")))));
    const cats = h("div", { class: "categories" }, overallCard(review), (review.categories || []).map((c) => categoryCard(review, c)));
    $("detail").replaceChildren(header, h("div", { class: "split" }, h("div", { class: "conv" }, thread), cats));
    loadIntent(review, cats);
  }

  // ---- intent: the classifier's answer, and the reviewer's correction (taught as an example) ----
  // GET/PUT/DELETE /v1/qa/reviews/{id}/intent; a correction joins the shop's taxonomy, Undo removes it.
  async function loadIntent(review, where) {
    const box = h("div", { class: "cat intent-card", id: "intent-card" }, h("div", { class: "cat-head" }, h("b", {}, "Intent")), h("p", { class: "reason" }, "Loading…"));
    where.prepend(box);
    try {
      const info = await state.api.get(`/v1/qa/reviews/${encodeURIComponent(review.id)}/intent`);
      box.replaceWith(intentCard(review, info));
    } catch (error) {
      box.replaceChildren(h("div", { class: "cat-head" }, h("b", {}, "Intent")), h("p", { class: "error" }, error.message || String(error)));
    }
  }

  function intentCard(review, info) {
    const p = info.predicted || {};
    const taught = info.example;
    const select = h("select", { name: "intent", "aria-label": "Right intent" }, info.intents.map((name) => h("option", { value: name }, humanize(name))));
    select.value = taught ? taught.intent : p.intent;
    const form = h("form", { class: "override" }, h("label", {}, "Right intent ", select), h("button", { type: "submit" }, "Teach as example"));
    form.addEventListener("submit", (e) => { e.preventDefault(); teachIntent(review, select.value); });
    const note = [`${num((p.confidence || 0) * 100, 0)}% sure`, p.unsure ? "unsure" : null,
      p.in_scope === null || p.in_scope === undefined ? null : `in scope ${num(p.in_scope * 100, 0)}%`].filter(Boolean).join(" · ");
    return h("div", { class: "cat intent-card", id: "intent-card" },
      h("div", { class: "cat-head" }, h("b", {}, "Intent"), h("span", { class: "cat-score" }, humanize(p.intent)), p.unsure ? h("span", { class: "tag" }, "unsure") : null),
      h("p", { class: "reason" }, `Classifier: ${note}`),
      taught ? h("p", { class: "comment" }, `Taught as “${humanize(taught.intent)}” by ${taught.reviewer}${taught.at ? `, ${when(taught.at)}` : ""}. `,
        h("button", { type: "button", class: "quiet", onclick: () => forgetIntent(review) }, "Undo")) : null,
      form);
  }

  async function teachIntent(review, intent) {
    const reviewer = $("reviewer").value.trim();
    if (!reviewer) { toast("Type your name in Reviewer (top right) first.", "bad"); $("reviewer").focus(); return; }
    try {
      await state.api.put(`/v1/qa/reviews/${encodeURIComponent(review.id)}/intent`, { intent, reviewer });
      toast(`Taught: ${humanize(intent)}. The classifier learns it on its next answer.`, "good");
      await openReview(review.id);
    } catch (error) {
      toast(error.message, "bad");
    }
  }

  async function forgetIntent(review) {
    try {
      await state.api.del(`/v1/qa/reviews/${encodeURIComponent(review.id)}/intent`);
      toast("Undone: the example left the taxonomy.", "good");
      await openReview(review.id);
    } catch (error) {
      toast(error.message, "bad");
    }
  }

  // The overall 1-5 score: the learned model's (with what moved it and where the model came from),
  // or the rule-only total when no model is trained. Older stored reviews have no overall: nothing shown.
  function overallCard(review) {
    if (review.overall === null || review.overall === undefined) return null;
    const model = review.overall_engine === "model";
    const info = review.quality_model || {};
    const metrics = info.metrics || {};
    const rho = ["A", "S"].filter((t) => metrics[`overall_spearman_${t}`] !== undefined)
      .map((t) => `${t} ${num(metrics[`overall_spearman_${t}`], 2)}`).join(", ");
    const source = model
      ? [`learned model, trained ${when(info.trained_at) || "at an unknown time"}`,
        `on ${info.labels ?? "?"} labels${info.override_labels ? ` (${info.override_labels} reviewer overrides)` : ""}`,
        rho ? `held-out Spearman with raters: ${rho}` : null].filter(Boolean).join(" · ")
      : "rules only";
    const drivers = (review.overall_drivers || []).map((d) => h("li", { class: d.effect >= 0 ? "up" : "down" },
      h("span", { class: "effect" }, `${d.effect >= 0 ? "+" : "−"}${num(Math.abs(d.effect), 2)}`), " ", d.label,
      ...(d.evidence || []).slice(0, 1).map((ev) => h("a", { href: "#", class: "ev", onclick: (e) => { e.preventDefault(); focusMessage(ev, d.name); } },
        ` “${ev.text.length > 70 ? `${ev.text.slice(0, 70)}…` : ev.text}”`))));
    return h("div", { class: `cat overall ${model ? "model" : "rules"}`, dataset: { overall: review.overall_engine } },
      h("div", { class: "cat-head" }, h("b", {}, "Overall"), h("span", { class: "tag" }, model ? "model" : "rules"),
        h("span", { class: "cat-score" }, `${num(review.overall, 1)} / 5`)),
      h("p", { class: "reason" }, source),
      review.overall_reason ? h("p", { class: "reason" }, review.overall_reason) : null,
      drivers.length ? h("ul", { class: "drivers" }, drivers) : null);
  }

  function categoryCard(review, category) {
    const c = effective(category);
    const applicable = category.applicable !== false;
    const form = h("form", { class: "override" },
      h("label", {}, "Score ", h("input", { type: "number", name: "score", step: "any", min: "0", max: String(category.max ?? ""), value: String(c.score) })),
      h("label", { class: "check" }, h("input", { type: "checkbox", name: "passed", checked: c.passed ? true : undefined }), " passed"),
      h("input", { name: "comment", placeholder: "comment for the agent", value: c.comment || "" }),
      h("button", { type: "submit" }, "Save override"));
    form.addEventListener("submit", (e) => { e.preventDefault(); saveOverride(review, category, form); });
    const evidence = (category.evidence || []).map((ev) => h("a", { href: "#", class: "ev", onclick: (e) => { e.preventDefault(); focusMessage(ev, category.name); } },
      `“${ev.text.length > 90 ? `${ev.text.slice(0, 90)}…` : ev.text}”`));
    const verdict = !applicable ? "n/a" : c.passed ? "pass" : "fail";
    return h("div", { class: `cat ${verdict}`, dataset: { category: category.name } },
      h("div", { class: "cat-head" }, h("b", {}, humanize(category.name)),
        c.overridden ? h("span", { class: "tag rev", title: `${c.reviewer || "a reviewer"}${c.at ? `, ${when(c.at)}` : ""}` }, `overridden by ${c.reviewer || "reviewer"}`) : null,
        h("span", { class: "cat-score" }, applicable ? `${num(c.score)} / ${num(category.max)}` : "not scored"),
        h("span", { class: `pf ${verdict}` }, verdict)),
      c.overridden && category.override.score !== category.score
        ? h("p", { class: "reason" }, `Automatic: ${num(category.score)} / ${num(category.max)}, ${category.passed ? "pass" : "fail"}.`) : null,
      category.reason ? h("p", { class: "reason" }, category.reason) : null,
      c.overridden && c.comment ? h("p", { class: "comment" }, `Reviewer: ${c.comment}`) : null,
      evidence.length ? h("div", { class: "evs" }, evidence) : null,
      form);
  }

  function focusMessage(ev, name) {
    const messages = (state.current.conversation || {}).messages || [];
    let index = ev.message_index ?? messages.findIndex((m) => m.text.includes(ev.text));
    const el = document.getElementById(`msg-${index}`);
    if (!el) return;
    el.scrollIntoView({ behavior: "smooth", block: "center" });
    for (const mark of document.querySelectorAll("mark.focus")) mark.classList.remove("focus");
    for (const mark of el.querySelectorAll("mark")) if (mark.dataset.categories.split(" ").includes(name)) mark.classList.add("focus");
  }

  async function saveOverride(review, category, form) {
    const reviewer = $("reviewer").value.trim();
    if (!reviewer) { toast("Type your name in Reviewer (top right) first.", "bad"); $("reviewer").focus(); return; }
    const body = {
      reviewer,
      categories: [{
        name: category.name,
        score: Number(form.elements.namedItem("score").value),
        passed: form.elements.namedItem("passed").checked,
        comment: form.elements.namedItem("comment").value.trim(),
      }],
    };
    try {
      await state.api.put(`/v1/qa/reviews/${encodeURIComponent(review.id)}`, body);
      toast(`Saved: ${humanize(category.name)}`, "good");
      await Promise.all([openReview(review.id), loadAgreement(), loadList()]);
    } catch (error) {
      toast(error.message, "bad");
    }
  }

  start();
})();
