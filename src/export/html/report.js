"use strict";
// argraph report: links the essay text, the map and the side panel.
// Every string from an essay reaches the page through textContent, never
// as markup.
(function () {
  const data = JSON.parse(document.getElementById("argraph-data").textContent);
  const essays = new Map();
  const claims = new Map(); // id -> { essay, claim, index }
  for (const e of data.essays) {
    essays.set(e.id, e);
    e.claims.forEach((c, i) => claims.set(c.id, { essay: e.id, claim: c, index: i }));
  }
  const maps = new Map();
  let shown = null;
  let current = null;

  const article = (id) => document.getElementById("essay-" + id);
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };
  const claimLink = (id) => {
    const hit = claims.get(id);
    const a = el("a");
    a.href = "#claim-" + id;
    a.dataset.claim = id;
    if (hit) {
      a.append(el("span", "badge role-" + hit.claim.role, data.roles[hit.claim.role] || hit.claim.role), " ", hit.claim.text);
    } else {
      a.textContent = id;
    }
    return a;
  };

  // The map: pan by dragging, zoom with the wheel or the buttons.
  function mapOf(id) {
    if (maps.has(id)) return maps.get(id);
    const frame = article(id).querySelector(".map-frame");
    const svg = frame && frame.querySelector("svg");
    if (!svg) {
      // An essay too large to draw has no map: nothing to fit or reveal.
      const none = { fit() {}, zoom() {}, reveal() {} };
      maps.set(id, none);
      return none;
    }
    const W = Number(svg.dataset.width), H = Number(svg.dataset.height);
    const view = { x: 0, y: 0, w: W, h: H };
    const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    const size = () => {
      const r = frame.getBoundingClientRect();
      return { w: Math.max(r.width, 1), h: Math.max(r.height, 1) };
    };
    function fit(whole) {
      const f = size();
      // The start shows the map's full width (no larger than life) from the
      // top; "fit" shows all of it.
      const scale = whole ? Math.min(f.w / W, f.h / H) : Math.min(1, f.w / W);
      view.w = f.w / scale;
      view.h = f.h / scale;
      view.x = (W - view.w) / 2;
      view.y = whole ? (H - view.h) / 2 : 0;
      apply();
    }
    function zoom(factor, cx, cy) {
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) / factor;
      view.y = cy - (cy - view.y) / factor;
      view.w /= factor;
      view.h /= factor;
      apply();
    }
    function toMap(evt) {
      const r = svg.getBoundingClientRect();
      return { x: view.x + ((evt.clientX - r.left) / r.width) * view.w, y: view.y + ((evt.clientY - r.top) / r.height) * view.h };
    }
    function reveal(claimId) {
      const node = svg.querySelector(`g.node[data-claim="${CSS.escape(claimId)}"]`);
      if (!node) return;
      const x = Number(node.dataset.x), y = Number(node.dataset.y);
      const w = Number(node.dataset.w), h = Number(node.dataset.h);
      if (x < view.x || y < view.y || x + w > view.x + view.w || y + h > view.y + view.h) {
        view.x = x + w / 2 - view.w / 2;
        view.y = y + h / 2 - view.h / 2;
        apply();
      }
    }
    svg.addEventListener("wheel", (evt) => {
      evt.preventDefault();
      const p = toMap(evt);
      zoom(evt.deltaY < 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (evt) => {
      if (evt.button !== 0) return;
      const node = evt.target.closest("g.node");
      drag = { x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, moved: false, node: node && node.dataset.claim };
      svg.setPointerCapture(evt.pointerId);
    });
    svg.addEventListener("pointermove", (evt) => {
      if (!drag) return;
      const dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      svg.classList.add("panning");
      const r = svg.getBoundingClientRect();
      view.x = drag.vx - (dx / r.width) * view.w;
      view.y = drag.vy - (dy / r.height) * view.h;
      apply();
    });
    const end = () => {
      if (drag && !drag.moved && drag.node) select(drag.node, "map");
      drag = null;
      svg.classList.remove("panning");
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", () => { drag = null; svg.classList.remove("panning"); });
    const m = { fit, zoom, reveal };
    maps.set(id, m);
    fit(false);
    return m;
  }

  function showEssay(id) {
    const index = document.getElementById("index");
    if (index) index.hidden = id !== null;
    for (const a of document.querySelectorAll("article.essay")) a.hidden = a.dataset.essay !== id;
    shown = id;
    if (id !== null) {
      mapOf(id);
      document.title = article(id).querySelector("h1").textContent;
    }
  }

  function panel() {
    return shown === null ? null : article(shown).querySelector(".claim-panel");
  }

  function renderPanel(hit) {
    const box = panel();
    const c = hit.claim;
    const e = essays.get(hit.essay);
    box.replaceChildren();
    const head = el("p", "meta");
    head.append(el("span", "badge role-" + c.role, data.roles[c.role] || c.role), " " + c.kind);
    if (c.hedged) head.append(" · hedged");
    if (c.stance) head.append(" · stance");
    box.append(head, el("p", "claim-full", c.text), el("p", "meta", c.location + " · " + c.short));
    // What bears on the claim, then what it bears on, grouped by relation.
    for (const incoming of [true, false]) {
      for (const [rel, labels] of Object.entries(data.relations)) {
        const group = e.edges.filter((x) => x.relation === rel && (incoming ? x.to : x.from) === c.id);
        if (!group.length) continue;
        const list = el("ul", "neighbours");
        list.dataset.group = labels[incoming ? 0 : 1];
        for (const x of group) {
          const li = el("li");
          li.append(claimLink(incoming ? x.from : x.to));
          const how = x.marker ? "[" + x.marker + "]" : "[" + x.rule + "]";
          li.append(" ", el("span", "mark-tag", how));
          list.append(li);
        }
        box.append(el("h3", "rel rel-" + rel, labels[incoming ? 0 : 1]), list);
      }
    }
    if (c.why) {
      box.append(el("h3", null, `why ${data.roles[c.role] || c.role} (confidence ${c.why.confidence.toFixed(2)})`));
      if (c.why.rule) box.append(el("p", "rule", "rule: " + c.why.rule));
      const t = el("table", "why");
      for (const [feature, weight, about] of c.why.features) {
        const tr = el("tr");
        tr.append(
          el("td", null, (weight >= 0 ? "+" : "") + weight.toFixed(2)),
          el("td", null, feature),
          el("td", "about", about),
        );
        t.append(tr);
      }
      box.append(t);
      if (c.why.runners_up.length) {
        const score = c.why.score == null ? "" : ` (this thesis: ${(c.why.score >= 0 ? "+" : "") + c.why.score.toFixed(2)})`;
        box.append(el("h3", null, "runners-up for the thesis" + score));
        const list = el("ul");
        for (const [id, score, features] of c.why.runners_up) {
          const li = el("li", null, (score >= 0 ? "+" : "") + score.toFixed(2) + " ");
          li.append(claimLink(id));
          if (features.length) {
            const shares = features.map(([f, w]) => (w >= 0 ? "+" : "") + w.toFixed(2) + " " + f);
            li.append(el("div", "about", shares.join(" · ")));
          }
          list.append(li);
        }
        box.append(list);
      }
      if (c.why.doubt) box.append(el("p", "doubt", c.why.doubt));
    }
    const found = e.findings.filter((f) => f.claim === c.id);
    if (found.length) {
      box.append(el("h3", null, "audit"));
      const list = el("ul");
      for (const f of found) {
        const li = el("li");
        li.append(el("span", "sev sev-" + f.severity, f.severity), " ", el("code", null, f.rule), " " + f.message);
        list.append(li);
      }
      box.append(list);
    }
  }

  function clear(silent) {
    for (const n of document.querySelectorAll(".selected, .related, .finding.current")) {
      n.classList.remove("selected", "related", "current");
    }
    current = null;
    const box = panel();
    if (box) box.replaceChildren(el("p", "placeholder", "Click a claim in the essay or the map."));
    if (!silent) history.replaceState(null, "", shown !== null && document.getElementById("index") ? "#essay-" + shown : location.pathname + location.search);
  }

  function select(id, from) {
    const hit = claims.get(id);
    if (!hit) return;
    if (shown !== hit.essay) showEssay(hit.essay);
    clear(true);
    current = id;
    const art = article(hit.essay);
    const span = document.getElementById("claim-" + id);
    const node = art.querySelector(`g.node[data-claim="${CSS.escape(id)}"]`);
    if (span) span.classList.add("selected");
    if (node) node.classList.add("selected");
    for (const p of art.querySelectorAll("path.edge")) {
      if (p.dataset.from === id || p.dataset.to === id) p.classList.add("related");
    }
    for (const f of art.querySelectorAll(`.finding[data-claim="${CSS.escape(id)}"]`)) f.classList.add("current");
    if (span && from !== "text") {
      const pane = art.querySelector(".text-pane").getBoundingClientRect();
      const r = span.getBoundingClientRect();
      if (r.top < pane.top + 40 || r.bottom > pane.bottom) span.scrollIntoView({ block: "center" });
    }
    if (from !== "map") mapOf(hit.essay).reveal(id);
    renderPanel(hit);
    history.replaceState(null, "", "#claim-" + id);
  }

  // `#claim-ID` (or a unique prefix of the id, as the command line takes)
  // selects a claim; `#essay-ID` shows an essay; nothing shows the index.
  function resolve(prefix) {
    if (claims.has(prefix)) return prefix;
    let found = null;
    for (const id of claims.keys()) {
      if (id.startsWith(prefix)) {
        if (found) return null;
        found = id;
      }
    }
    return found;
  }
  function route() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch (_) {
      // A malformed escape in a hand-typed link: read it as written.
    }
    if (hash.startsWith("claim-")) {
      const id = resolve(hash.slice(6));
      if (id) { select(id, "hash"); return; }
    }
    if (hash.startsWith("essay-") && essays.has(hash.slice(6))) {
      showEssay(hash.slice(6));
      clear(true);
      return;
    }
    const index = document.getElementById("index");
    showEssay(index || !data.essays.length ? null : data.essays[0].id);
    clear(true);
  }

  document.addEventListener("click", (evt) => {
    const zoom = evt.target.closest("button[data-zoom]");
    if (zoom && shown !== null) {
      const m = mapOf(shown);
      if (zoom.dataset.zoom === "fit") m.fit(true);
      else m.zoom(zoom.dataset.zoom === "in" ? 1.25 : 0.8);
      return;
    }
    const link = evt.target.closest("a[data-claim]");
    if (link) {
      evt.preventDefault();
      select(link.dataset.claim, "link");
      return;
    }
    const span = evt.target.closest(".essay-text .claim[data-claim]");
    if (span) select(span.dataset.claim, "text");
  });

  document.addEventListener("keydown", (evt) => {
    if (evt.altKey || evt.ctrlKey || evt.metaKey || shown === null) return;
    if (evt.target.closest && evt.target.closest("input, textarea, select, [contenteditable]")) return;
    if (evt.key === "Escape") {
      clear(false);
      evt.preventDefault();
      return;
    }
    const step = { j: 1, ArrowDown: 1, ArrowRight: 1, k: -1, ArrowUp: -1, ArrowLeft: -1 }[evt.key];
    if (!step) return;
    const list = essays.get(shown).claims;
    if (!list.length) return;
    const at = current !== null ? claims.get(current).index : step > 0 ? -1 : list.length;
    select(list[Math.max(0, Math.min(list.length - 1, at + step))].id, "key");
    evt.preventDefault();
  });

  window.addEventListener("hashchange", route);
  window.addEventListener("resize", () => {
    if (shown !== null) mapOf(shown).fit(false);
  });
  route();
})();
