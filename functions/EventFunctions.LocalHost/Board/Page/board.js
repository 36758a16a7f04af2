// The order board: listens to /api/board/stream (Server-Sent Events) and redraws what changed.
// Every text is set with textContent: order data never becomes markup.
"use strict";

const OPEN = ["Placed", "Validated", "Paid"];
const FINAL = ["Confirmed", "Rejected", "PaymentDeclined", "Cancelled"];
const LABELS = { PaymentDeclined: "Declined" };
// A row's progress: placed, validated, paid, then the event that ends the order, whichever it is.
const PROGRESS = [["OrderPlaced"], ["OrderValidated", "OrderRejected"], ["PaymentCaptured", "PaymentDeclined"], ["StockReserved", "PaymentRefunded", "RefundFailed"]];
const MAX_ROWS = 200;

const orders = new Map();
let summary = null;
let dirty = new Set();
let redrawAll = false;
let openTimeline = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name === "style") node.style.cssText = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const seconds = (s) => s == null ? "–" : s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(s < 10 ? 2 : 1)} s`;
const clock = (iso) => iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(iso).getMilliseconds()).padStart(3, "0") : "";
// Event types are namespaced ("eventfunctions.OrderPlaced"): the board shows the name.
const shortType = (type) => type.slice(type.lastIndexOf(".") + 1);
const money = (n) => n == null ? "" : n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// ---- the stream -------------------------------------------------------------------------------------------------

function connect() {
  const source = new EventSource("/api/board/stream");
  source.addEventListener("open", () => setConnection("live", "live"));
  source.addEventListener("error", () => setConnection("reconnecting", "reconnecting…"));
  source.addEventListener("snapshot", (e) => {
    const snapshot = JSON.parse(e.data);
    orders.clear();
    for (const order of snapshot.orders) orders.set(order.orderId, order);
    summary = snapshot.summary;
    redrawAll = true;
    schedule();
  });
  source.addEventListener("orders", (e) => {
    for (const order of JSON.parse(e.data)) {
      orders.set(order.orderId, order);
      dirty.add(order.orderId);
      if (openTimeline === order.orderId) loadTimeline(order.orderId);
    }
    schedule();
  });
  source.addEventListener("summary", (e) => {
    summary = JSON.parse(e.data);
    schedule();
  });
}

function setConnection(state, text) {
  const node = $("connection");
  node.dataset.state = state;
  node.textContent = text;
}

let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    render();
  });
}

// ---- rendering --------------------------------------------------------------------------------------------------

function render() {
  if (dirty.size > 0 || redrawAll) renderOrders();
  if (summary) {
    renderTiles();
    renderLatency();
    renderLag();
    renderDeadLetters();
    renderOverdue();
  }
  redrawAll = false;
  dirty = new Set();
}

function renderTiles() {
  for (const [id, statuses] of [["open-tiles", OPEN], ["final-tiles", FINAL]]) {
    const row = $(id);
    for (const status of statuses) {
      let tile = row.querySelector(`[data-status="${status}"]`);
      if (!tile) {
        tile = el("div", { class: "tile", "data-status": status },
          el("div", { class: "n", "data-count-status": status, text: "0" }),
          el("div", { class: "label", text: LABELS[status] ?? status }));
        row.append(tile);
      }
      const n = String(summary.orders[status] ?? 0);
      const count = tile.querySelector(".n");
      if (count.textContent !== n) {
        count.textContent = n;
        tile.classList.remove("bump");
        void tile.offsetWidth;
        tile.classList.add("bump");
      }
    }
  }
}

function renderOrders() {
  const body = $("orders");
  const newest = [...orders.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, MAX_ROWS);
  const shown = new Set(newest.map((o) => o.orderId));
  for (const [id, order] of orders) if (!shown.has(id) && !OPEN.includes(order.status)) orders.delete(id);
  const rows = newest.map((order) => {
    const row = body.querySelector(`tr[data-order-id="${CSS.escape(order.orderId)}"]`);
    if (row && !dirty.has(order.orderId) && !redrawAll) return row;
    const next = orderRow(order);
    if (row) row.replaceWith(next);
    // A change that arrived live flashes its row once; a snapshot redraws quietly.
    if (dirty.has(order.orderId)) {
      next.classList.add("fresh");
      next.addEventListener("animationend", () => next.classList.remove("fresh"), { once: true });
    }
    return next;
  });
  // Move only what moved: a row taken out of the page and put back would replay its flash.
  rows.forEach((row, i) => {
    if (body.children[i] !== row) body.insertBefore(row, body.children[i] ?? null);
  });
  while (body.children.length > rows.length) body.lastElementChild.remove();
  $("no-orders").hidden = rows.length > 0;
  $("order-count").textContent = rows.length ? `(${rows.length} shown)` : "";
}

function orderRow(order) {
  const types = new Set(order.steps.map((s) => shortType(s.type)));
  const progress = el("span", { class: "steps", "data-status": order.status });
  for (const step of PROGRESS) {
    const seen = step.find((type) => types.has(type));
    progress.append(el("i", { class: seen ? "done" : "", title: seen ?? step[0] }));
  }
  const row = el("tr", { "data-order-id": order.orderId, "data-status": order.status, "data-complete": String(order.isComplete) },
    el("td", {}, el("code", { text: order.orderId })),
    el("td", { text: order.customerId ?? "" }),
    el("td", {}, el("span", { class: "status", "data-status": order.status, title: order.reason ?? "", text: LABELS[order.status] ?? order.status })),
    el("td", {}, progress),
    el("td", { class: "num", text: money(order.total) }),
    el("td", { class: "num", text: seconds(order.latencySeconds) }),
    el("td", { class: "muted", text: clock(order.updatedAt) }));
  row.addEventListener("click", () => loadTimeline(order.orderId));
  return row;
}

function renderLatency() {
  const latency = summary.latency;
  $("percentiles").replaceChildren(...[["p50", latency.p50], ["p90", latency.p90], ["p99", latency.p99], ["max", latency.max]]
    .map(([label, value]) => el("div", {}, el("b", { text: seconds(value) }), el("span", { text: label }))));
  const highest = Math.max(1, ...latency.histogram.map((b) => b.count));
  $("histogram").replaceChildren(...latency.histogram.map((bucket) =>
    el("div", { class: "bar", style: `height:${(100 * bucket.count) / highest}%`, title: `${bucket.count} orders ${bucket.upTo == null ? "above" : "up to"} ${bucket.upTo ?? latency.histogram.at(-2).upTo} s` },
      el("span", { text: bucket.upTo == null ? ">" : `${bucket.upTo}` }))));
  $("latency-note").textContent = latency.count ? `last ${latency.count} finished orders, seconds` : "no order finished yet";
}

function renderLag() {
  const highest = Math.max(1, ...summary.lag.map((l) => l.lag));
  $("lag").replaceChildren(...summary.lag.map((group) =>
    el("div", { class: "meter", "data-function": group.function, title: group.partitions.map((p) => `${p.topic}[${p.partition}]: ${p.lag}`).join("\n") },
      el("span", { text: group.function }),
      el("span", { class: "track" }, el("span", { class: "fill", style: `display:block;width:${(100 * group.lag) / highest}%` })),
      el("span", { class: "v " + (group.lag ? "warn" : "ok"), text: String(group.lag) }))));
  $("lag-note").textContent = summary.lagSampledAt ? `records not yet committed, sampled ${clock(summary.lagSampledAt)}` : "not sampled yet";
}

function renderDeadLetters() {
  const entries = Object.entries(summary.deadLetters);
  $("dead-letters").replaceChildren(entries.length
    ? el("div", {}, ...entries.map(([fn, n]) => el("div", { class: "meter" }, el("span", { text: fn }), el("span"), el("span", { class: "v warn", text: String(n) }))))
    : el("span", { class: "ok", text: "none since start" }));
}

function renderOverdue() {
  const overdue = summary.overdue;
  $("overdue").replaceChildren(
    !overdue.scannedAt ? el("span", { class: "muted", text: "not scanned yet" })
      : overdue.count === 0 ? el("span", { class: "ok", text: `none (scanned ${clock(overdue.scannedAt)})` })
      : el("div", {}, el("b", { class: "warn", text: `${overdue.count} overdue` }), ...overdue.orderIds.map((id) => el("div", {}, el("code", { text: id })))));
}

// ---- one order's timeline ---------------------------------------------------------------------------------------

async function loadTimeline(orderId) {
  openTimeline = orderId;
  $("drawer").hidden = false;
  $("drawer-order").textContent = orderId;
  const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/timeline`);
  if (openTimeline !== orderId) return;
  if (!response.ok) {
    $("timeline").replaceChildren(el("p", { class: "muted", text: `No timeline yet (${response.status}).` }));
    return;
  }
  const timeline = await response.json();
  const start = new Date(timeline.steps[0].time).getTime();
  const end = Math.max(...timeline.steps.map((s) => new Date(s.projectedAt ?? s.time).getTime()));
  const span = Math.max(1, end - start);
  $("timeline").replaceChildren(
    el("p", { class: "muted", text: `${timeline.steps.length} events · ${timeline.elapsedMilliseconds == null ? "" : Math.round(timeline.elapsedMilliseconds) + " ms first to last"}` }),
    ...timeline.steps.map((step) => {
      const at = new Date(step.time).getTime() - start;
      const from = step.stepMilliseconds == null ? at : at - step.stepMilliseconds;
      const projected = step.projectedAt ? new Date(step.projectedAt).getTime() - start : null;
      return el("div", { class: "step", "data-type": shortType(step.type) },
        el("div", {}, el("div", { class: "type", text: shortType(step.type) }), el("div", { class: "who", text: `by ${step.emitter || "?"}` })),
        el("div", {},
          el("div", { class: "lane" },
            el("span", { class: "seg", title: "from its cause to this event", style: `left:${(100 * from) / span}%;width:${(100 * Math.max(0, at - from)) / span}%` }),
            projected == null ? null : el("span", { class: "seg view", title: "until the view had it", style: `left:${(100 * at) / span}%;width:${(100 * Math.max(0, projected - at)) / span}%` })),
          el("div", { class: "figures", text:
            `+${Math.round(at)} ms · ${clock(step.time)}` +
            (step.stepMilliseconds == null ? "" : ` · step ${Math.round(step.stepMilliseconds)} ms`) +
            (projected == null ? "" : ` · in view +${Math.round(projected)} ms`) })));
    }));
}

$("drawer-close").addEventListener("click", () => {
  openTimeline = null;
  $("drawer").hidden = true;
});

// The first-order commands name the host that serves this page, whatever port it was started on.
$("first-order").textContent = $("first-order").textContent.replaceAll("{origin}", location.origin);

connect();
