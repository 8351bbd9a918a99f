// Attaché's page: reads an article through /api/analyze and browses the event store
// through the other endpoints. Plain DOM code with no library, so that the page works
// offline and the binary carries all of it. Offsets from the API count Unicode code
// points, so texts are split with Array.from before they are cut.
"use strict";

const CAMEO_ROOTS = [
  ["01", "Make public statement"], ["02", "Appeal"], ["03", "Express intent to cooperate"],
  ["04", "Consult"], ["05", "Engage in diplomatic cooperation"], ["06", "Engage in material cooperation"],
  ["07", "Provide aid"], ["08", "Yield"], ["09", "Investigate"], ["10", "Demand"],
  ["11", "Disapprove"], ["12", "Reject"], ["13", "Threaten"], ["14", "Protest"],
  ["15", "Exhibit force posture"], ["16", "Reduce relations"], ["17", "Coerce"], ["18", "Assault"],
  ["19", "Fight"], ["20", "Use unconventional mass violence"],
];
const SERIES_COLOURS = ["#1f5fbf", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63"];
const PAGE = 50;
const SVG_NS = "http://www.w3.org/2000/svg";

const $ = (selector) => document.querySelector(selector);

/** An element with attributes (`class`, `dataset`, `on…` handlers, others) and children. */
function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Calls the API; a JSON error becomes an Error with the server's message. */
async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.startsWith("application/json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
  return body;
}

function setStatus(node, message, isError = false) {
  node.textContent = message;
  node.classList.toggle("error", isError);
}

// ---------------------------------------------------------------- marked text

/**
 * Writes `text` into `container` cut at every span boundary; each piece carries the
 * classes, tooltips and data of the spans covering it, and its offsets (data-s, data-e),
 * so that any range can be highlighted later. Spans: {start, end, classes, title, data}.
 */
function markText(container, text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const span of spans) {
    span.start = Math.max(0, Math.min(span.start, chars.length));
    span.end = Math.max(span.start, Math.min(span.end, chars.length));
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let active = [];
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    active = active.filter((span) => span.end > from);
    while (next < byStart.length && byStart[next].start <= from) {
      if (byStart[next].end > from) active.push(byStart[next]);
      next++;
    }
    const piece = chars.slice(from, to).join("");
    if (active.length === 0) {
      fragment.append(el("span", { dataset: { s: from, e: to } }, piece));
      continue;
    }
    const data = { s: from, e: to };
    for (const span of active) {
      for (const [key, value] of Object.entries(span.data || {})) data[key] = data[key] ? `${data[key]} ${value}` : String(value);
    }
    fragment.append(el("span", {
      class: active.flatMap((span) => span.classes).join(" "),
      title: active.map((span) => span.title).filter(Boolean).join("\n"),
      dataset: data,
    }, piece));
  }
  container.replaceChildren(fragment);
}

/** Adds `cls` to the pieces of `container` inside [start, end), removing it elsewhere. */
function highlight(container, cls, start, end) {
  let first = null;
  for (const piece of container.querySelectorAll("span[data-s]")) {
    const inside = start !== null && Number(piece.dataset.s) >= start && Number(piece.dataset.e) <= end && piece.dataset.s !== piece.dataset.e;
    piece.classList.toggle(cls, inside);
    if (inside && !first) first = piece;
  }
  return first;
}

function scrollWithin(container, piece) {
  if (!piece) return;
  const box = container.getBoundingClientRect();
  const at = piece.getBoundingClientRect();
  if (at.top < box.top || at.bottom > box.bottom) container.scrollTop += at.top - box.top - box.height / 3;
}

// ---------------------------------------------------------------- reading an article

const read = { doc: null };

function participantText(participant) {
  if (!participant) return "—";
  return participant.code ? `${participant.text} (${participant.code})` : participant.text;
}

function entityTitle(entity, mention) {
  const lines = [`${entity.type}: ${entity.text}`];
  if (entity.actor) lines.push(`actor ${entity.actor.code} — ${entity.actor.rule}`);
  if (entity.location) {
    const where = entity.location;
    lines.push(`${where.name}, ${where.country} (${where.latitude.toFixed(2)}, ${where.longitude.toFixed(2)}) — ${where.rule}`);
  }
  if (mention.rule) lines.push(`mention: ${mention.rule}`);
  return lines.join("\n");
}

function renderAnalysis(doc) {
  read.doc = doc;
  const spans = [];
  doc.entities.forEach((entity) => {
    for (const mention of entity.mentions) {
      spans.push({ start: mention.start, end: mention.end, classes: ["ent", `ent-${entity.type}`], title: entityTitle(entity, mention), data: { entity: entity.id } });
    }
  });
  doc.timexes.forEach((timex) => {
    const value = timex.mod ? `${timex.value} (${timex.mod})` : timex.value;
    spans.push({ start: timex.start, end: timex.end, classes: ["timex"], title: `${timex.type} ${value} — ${timex.rule}` });
  });
  doc.quotes.forEach((quote, index) => {
    const speaker = quote.speaker ? quote.speaker.text : "unknown speaker";
    spans.push({ start: quote.start, end: quote.end, classes: ["quote"], title: `quotation of ${speaker} (${quote.rule})`, data: { quote: index } });
    if (quote.speaker) spans.push({ start: quote.speaker.start, end: quote.speaker.end, classes: ["speaker"], data: { speakerOf: index } });
  });
  doc.events.forEach((event, index) => {
    spans.push({ start: event.trigger.start, end: event.trigger.end, classes: ["trigger-all"], title: `event ${event.cameo} ${event.cameo_description || ""}`, data: { event: index } });
    spans.push({ start: event.evidence.start, end: event.evidence.end, classes: [] });
  });
  const text = $("#marked-text");
  markText(text, doc.text, spans);
  text.scrollTop = 0;
  $("#explain").replaceChildren(el("p", { class: "hint" }, "Select an event in the table below, or a quotation in the text."));

  const rows = doc.events.map((event, index) => el("tr", { dataset: { event: index }, onclick: () => selectEvent(index) },
    el("td", {}, index + 1),
    el("td", {}, event.date ? event.date.value : "—"),
    el("td", {}, participantText(event.source)),
    el("td", {}, el("code", {}, event.cameo), " ", event.cameo_description || ""),
    el("td", {}, participantText(event.target)),
    el("td", {}, event.place ? `${event.place.name}${event.place.country ? ` (${event.place.country})` : ""}` : "—"),
    el("td", {}, event.negated ? el("span", { class: "badge negated" }, "denied") : el("span", { class: `badge ${event.modality}` }, event.modality)),
    el("td", {}, event.attribution ? event.attribution.text : ""),
    el("td", {}, event.goldstein ?? "")));
  $("#read-events tbody").replaceChildren(...rows);
  $("#event-count").textContent = `${doc.events.length} found`;
  const quotes = doc.quotes.map((quote, index) => el("tr", { onclick: () => selectQuote(index) },
    el("td", {}, quote.speaker ? quote.speaker.text : "—"),
    el("td", {}, quote.text),
    el("td", {}, quote.kind)));
  $("#read-quotes tbody").replaceChildren(...quotes);
  $("#read-output").hidden = false;
}

function definition(term, ...details) {
  return [el("dt", {}, term), el("dd", {}, ...details)];
}

function selectEvent(index) {
  const event = read.doc.events[index];
  document.querySelectorAll("#read-events tr.selected").forEach((row) => row.classList.remove("selected"));
  document.querySelector(`#read-events tr[data-event="${index}"]`).classList.add("selected");
  const text = $("#marked-text");
  highlight(text, "speaker-of", null, null);
  highlight(text, "evidence", event.evidence.start, event.evidence.end);
  scrollWithin(text, highlight(text, "trigger", event.trigger.start, event.trigger.end));
  const side = (participant) => participant
    ? [`${participant.text} → `, el("code", {}, participant.code || "no code"), el("br"), el("small", {}, participant.rule)]
    : ["none named"];
  const details = el("dl", {},
    definition("Event", el("code", {}, event.cameo), ` ${event.cameo_description || ""}`, event.plover ? ` · PLOVER ${event.plover}` : "", event.goldstein !== null ? ` · Goldstein ${event.goldstein}` : ""),
    definition("Trigger", `“${event.trigger.text}”`, el("br"), el("small", {}, event.rule)),
    definition("Source", ...side(event.source)),
    definition("Target", ...side(event.target)),
    definition("Date", event.date ? [event.date.value, el("br"), el("small", {}, event.date.rule)] : "none"),
    definition("Place", event.place ? [`${event.place.name} ${event.place.country || ""} (${event.place.basis})`, el("br"), el("small", {}, event.place.rule)] : "none"),
    definition("Status", event.negated ? "denied (negated)" : event.modality),
    event.attribution ? definition("According to", event.attribution.text) : [],
    definition("Evidence", el("small", {}, `characters ${event.evidence.start}–${event.evidence.end}, sentence ${event.sentence + 1}`)));
  $("#explain").replaceChildren(el("h3", {}, `Event ${index + 1}`), details);
}

function selectQuote(index) {
  const quote = read.doc.quotes[index];
  const text = $("#marked-text");
  highlight(text, "evidence", quote.start, quote.end);
  highlight(text, "trigger", null, null);
  highlight(text, "speaker-of", quote.speaker ? quote.speaker.start : null, quote.speaker ? quote.speaker.end : null);
  scrollWithin(text, text.querySelector(".evidence"));
  $("#explain").replaceChildren(el("h3", {}, "Quotation"), el("dl", {},
    definition("Speaker", quote.speaker ? quote.speaker.text : "not found"),
    quote.cue ? definition("Cue", `“${quote.cue.text}”`) : [],
    definition("Kind", quote.kind),
    definition("Rule", el("small", {}, quote.rule))));
}

/** The request for the article in the form: its body and Content-Type. */
function articleRequest() {
  const kind = $("#body-kind").value;
  const text = $("#article").value;
  const date = $("#article-date").value;
  const title = $("#article-title").value.trim();
  const source = $("#article-source").value.trim();
  if (kind === "text/plain" && (date || title || source)) {
    const record = { text };
    if (date) record.date = date;
    if (title) record.title = title;
    if (source) record.source = source;
    return { body: JSON.stringify(record), type: "application/json" };
  }
  return { body: text, type: kind };
}

async function analyse() {
  const status = $("#read-status");
  if (!$("#article").value.trim()) return setStatus(status, "Paste an article first, or drop a file on the box.", true);
  const button = $("#analyze");
  button.disabled = true;
  setStatus(status, "Analysing…");
  const started = performance.now();
  try {
    const request = articleRequest();
    const doc = await api("/api/analyze", { method: "POST", headers: { "Content-Type": request.type }, body: request.body });
    renderAnalysis(doc);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    setStatus(status, `${doc.entities.length} entities, ${doc.timexes.length} dates and times, ${doc.quotes.length} quotations, ${doc.events.length} events (${seconds} s)${doc.date ? ` · article date ${doc.date}` : " · no article date: relative dates stay open"}`);
  } catch (error) {
    setStatus(status, error.message, true);
  } finally {
    button.disabled = false;
  }
}

async function storeArticle() {
  const status = $("#read-status");
  if (!$("#article").value.trim()) return setStatus(status, "Paste an article first.", true);
  try {
    const request = articleRequest();
    const reply = await api("/api/ingest", { method: "POST", headers: { "Content-Type": request.type }, body: request.body });
    const problems = reply.problems.length ? ` Problems: ${reply.problems.join("; ")}` : "";
    setStatus(status, reply.stored ? `Stored as ${reply.ids.join(", ")} (${reply.reports} event reports).${problems}` : `Already in the archive (${reply.ids.join(", ")}).${problems}`);
    loadStats();
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

function openFile(file) {
  const reader = new FileReader();
  reader.onload = () => {
    const content = String(reader.result);
    $("#article").value = content;
    const html = /\.x?html?$/i.test(file.name) || /^\s*<(!doctype|html|head|body)/i.test(content);
    $("#body-kind").value = html ? "text/html" : "text/plain";
    setStatus($("#read-status"), `${file.name}: ${content.length} characters, read as ${html ? "an HTML page" : "plain text"}. Press Analyse.`);
  };
  reader.onerror = () => setStatus($("#read-status"), `cannot read ${file.name}`, true);
  reader.readAsText(file);
}

// ---------------------------------------------------------------- the archive

const archive = { offset: 0, events: [], world: null };

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("#filters"))) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

function sideText(side) {
  if (!side) return "—";
  if (side.name && side.code) return `${side.name} (${side.code})`;
  return side.name || side.code;
}

function stanceCounts(accounts) {
  const counts = {};
  for (const account of accounts) counts[account.stance] = (counts[account.stance] || 0) + 1;
  return Object.entries(counts).map(([stance, n]) => el("span", { class: `badge ${stance}` }, `${n} ${stance}`));
}

function eventRow(event) {
  return el("tr", { dataset: { id: event.id }, onclick: () => showEvent(event.id) },
    el("td", {}, event.date || "undated"),
    el("td", {}, el("code", {}, event.cameo), ` ${event.description}`),
    el("td", {}, sideText(event.source)),
    el("td", {}, sideText(event.target)),
    el("td", {}, event.place ? `${event.place.name}${event.place.country ? ` (${event.place.country})` : ""}` : "—"),
    el("td", {}, `${event.mentions} · ${event.num_articles} art. · ${event.num_sources} src.`),
    el("td", {}, ...stanceCounts(event.accounts), event.conflict ? el("span", { class: "badge conflict" }, "conflicting") : null));
}

async function searchArchive(append = false) {
  const status = $("#archive-status");
  const params = filterParams();
  if (!append) {
    archive.offset = 0;
    archive.events = [];
    $("#event-page").hidden = true;
  }
  params.set("limit", PAGE);
  params.set("offset", archive.offset);
  setStatus(status, "Searching…");
  try {
    const page = await api(`/api/events?${params}`);
    archive.events.push(...page.events);
    archive.offset += page.events.length;
    const rows = page.events.map(eventRow);
    if (append) $("#events-table tbody").append(...rows);
    else $("#events-table tbody").replaceChildren(...rows);
    $("#more").hidden = page.next_offset === null;
    setStatus(status, archive.events.length ? `${archive.events.length} events listed${page.next_offset === null ? "" : " (more below)"}` : "No event matches.");
    drawMap();
    if (!append) drawTimeline();
    const exported = filterParams();
    exported.set("format", "csv");
    $("#export-csv").href = `/api/export?${exported}`;
    exported.set("format", "jsonl");
    $("#export-jsonl").href = `/api/export?${exported}`;
  } catch (error) {
    setStatus(status, error.message, true);
  }
}

async function drawTimeline() {
  const svg = $("#timeline-chart");
  const metric = $("#timeline-metric").value;
  const params = filterParams();
  params.set("by", "month");
  let { series } = await api(`/api/timeline?${params}`);
  if (new Set(series.map((point) => point.period)).size > 60) {
    params.set("by", "year");
    ({ series } = await api(`/api/timeline?${params}`));
  }
  const periods = [...new Set(series.map((point) => point.period))].sort();
  const totals = new Map();
  for (const point of series) totals.set(point.dyad, (totals.get(point.dyad) || 0) + point.events);
  const dyads = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, SERIES_COLOURS.length).map(([dyad]) => dyad);
  const [width, height, left, bottom, top] = [600, 180, 34, 22, 8];
  const children = [];
  const value = (point) => (metric === "events" ? point.events : point.goldstein);
  const values = series.filter((point) => dyads.includes(point.dyad)).map(value).filter((v) => v !== null);
  const [low, high] = metric === "events" ? [0, Math.max(1, ...values)] : [-10, 10];
  const x = (period) => left + (periods.length === 1 ? (width - left) / 2 : (periods.indexOf(period) * (width - left - 10)) / (periods.length - 1));
  const y = (v) => top + ((high - v) * (height - top - bottom)) / (high - low);
  children.push(el("svg:line", { class: "axis", x1: left, x2: width, y1: y(low), y2: y(low) }));
  children.push(el("svg:line", { class: "axis", x1: left, x2: left, y1: top, y2: height - bottom }));
  if (metric !== "events") children.push(el("svg:line", { class: "axis", "stroke-dasharray": "3 3", x1: left, x2: width, y1: y(0), y2: y(0) }));
  for (const v of [low, high]) children.push(el("svg:text", { class: "axis-label", x: left - 4, y: y(v) + 3, "text-anchor": "end" }, Math.round(v)));
  const labelled = periods.length <= 3 ? periods : [periods[0], periods[Math.floor(periods.length / 2)], periods[periods.length - 1]];
  for (const period of labelled) children.push(el("svg:text", { class: "axis-label", x: x(period), y: height - 6, "text-anchor": "middle" }, period));
  dyads.forEach((dyad, index) => {
    const points = series.filter((point) => point.dyad === dyad && value(point) !== null);
    const colour = SERIES_COLOURS[index];
    if (points.length > 1) {
      children.push(el("svg:polyline", { fill: "none", stroke: colour, "stroke-width": 1.5, points: points.map((p) => `${x(p.period)},${y(value(p))}`).join(" ") }));
    }
    for (const point of points) {
      const score = point.goldstein === null ? "" : `, mean Goldstein ${point.goldstein.toFixed(1)}`;
      children.push(el("svg:circle", { cx: x(point.period), cy: y(value(point)), r: 3, fill: colour },
        el("svg:title", {}, `${dyad} ${point.period}: ${point.events} events, ${point.reports} reports${score}`)));
    }
  });
  if (!series.length) children.push(el("svg:text", { class: "axis-label", x: width / 2, y: height / 2, "text-anchor": "middle" }, "no dated event"));
  svg.replaceChildren(...children);
  // Colours set through the DOM: the page's policy forbids style attributes.
  const swatch = (colour) => { const node = el("i"); node.style.background = colour; return node; };
  $("#timeline-legend").replaceChildren(...dyads.map((dyad, index) => el("span", {}, swatch(SERIES_COLOURS[index]), dyad.replace("|", " – "))));
}

async function drawMap() {
  const svg = $("#map-chart");
  if (!archive.world) archive.world = await api("/world.json");
  const places = new Map();
  for (const event of archive.events) {
    if (!event.place || !event.place.coordinates) continue;
    const key = event.place.name;
    const entry = places.get(key) || { place: event.place, events: 0 };
    entry.events += 1;
    places.set(key, entry);
  }
  const graticule = [];
  for (let lon = 30; lon < 360; lon += 30) graticule.push(el("svg:line", { class: "graticule", x1: lon, x2: lon, y1: 0, y2: 180 }));
  for (let lat = 30; lat < 180; lat += 30) graticule.push(el("svg:line", { class: "graticule", x1: 0, x2: 360, y1: lat, y2: lat }));
  const dots = [...places.values()].map(({ place, events }) => {
    const [latitude, longitude] = place.coordinates;
    return el("svg:circle", {
      class: "place-dot", cx: longitude + 180, cy: 90 - latitude, r: Math.min(8, 1.6 + Math.sqrt(events)),
      onclick: () => { $("#filters").elements.place.value = place.name; searchArchive(); },
    }, el("svg:title", {}, `${place.name}${place.country ? ` (${place.country})` : ""}: ${events} events listed`));
  });
  svg.replaceChildren(...graticule, el("svg:path", { class: "land", d: archive.world.path }), ...dots);
}

function evidenceWithTrigger(account) {
  const chars = Array.from(account.evidence);
  const from = Math.max(0, account.trigger_start - account.evidence_start);
  const to = Math.max(from, account.trigger_end - account.evidence_start);
  return [chars.slice(0, from).join(""), el("span", { class: "trigger" }, chars.slice(from, to).join("")), chars.slice(to).join("")];
}

async function showEvent(id) {
  document.querySelectorAll("#events-table tr.selected").forEach((row) => row.classList.remove("selected"));
  const row = document.querySelector(`#events-table tr[data-id="${id}"]`);
  if (row) row.classList.add("selected");
  try {
    const event = await api(`/api/events/${id}`);
    $("#event-title").textContent = `${event.cameo} ${event.description}: ${sideText(event.source)} → ${sideText(event.target)}`;
    const denied = event.accounts.filter((account) => account.stance === "denies");
    const where = event.place ? ` in ${event.place.name}` : "";
    $("#event-summary").replaceChildren(
      `${event.date || "Undated"}${where} · ${event.mentions} reports in ${event.num_articles} articles from ${event.num_sources} sources`,
      event.conflict ? el("span", {}, " · ", el("span", { class: "badge conflict" }, "conflicting accounts"),
        denied.length ? ` denied by ${[...new Set(denied.map((a) => a.speaker || a.outlet || a.document))].join(", ")}` : " (the sources characterise it far apart)") : null);
    // Denials first, so that who asserts and who denies stand side by side.
    const order = { denies: 0, asserts: 1, expects: 2, supposes: 3 };
    const accounts = [...event.accounts].sort((a, b) => order[a.stance] - order[b.stance]);
    $("#accounts").replaceChildren(...accounts.map((account) => el("div", { class: `account ${account.stance}` },
      el("header", {}, el("span", {}, account.outlet || account.document), el("span", { class: `badge ${account.stance}` }, account.stance)),
      el("div", { class: "meta" }, `${account.article_date || "no date"} · ${account.document}`, account.speaker ? ` · according to ${account.speaker}` : ""),
      el("blockquote", {}, ...evidenceWithTrigger(account)),
      el("div", { class: "rule" }, `${account.cameo} · ${account.rule}`),
      el("button", { type: "button", onclick: () => showDocument(account) }, "Open the article"))));
    $("#document-view").hidden = true;
    $("#event-page").hidden = false;
    $("#event-page").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    setStatus($("#archive-status"), error.message, true);
  }
}

async function showDocument(account) {
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(account.document)}`);
    $("#document-title").textContent = [doc.title || doc.id, doc.outlet, doc.date].filter(Boolean).join(" · ");
    const spans = doc.quotes.map((quote) => ({ start: quote.start, end: quote.end, classes: ["quote"], title: `quotation of ${quote.speaker || "unknown speaker"}` }));
    for (const report of doc.reports) {
      spans.push({ start: report.trigger_start, end: report.trigger_end, classes: ["trigger-all"], title: `event ${report.cameo} (${report.stance}) — ${report.rule}` });
      spans.push({ start: report.evidence_start, end: report.evidence_end, classes: [] });
    }
    const text = $("#document-text");
    markText(text, doc.text, spans);
    $("#document-view").hidden = false;
    highlight(text, "evidence", account.evidence_start, account.evidence_end);
    scrollWithin(text, highlight(text, "trigger", account.trigger_start, account.trigger_end));
  } catch (error) {
    setStatus($("#archive-status"), error.message, true);
  }
}

async function loadStats() {
  try {
    const stats = await api("/api/stats");
    $("#store-stats").textContent = `archive: ${stats.documents} documents · ${stats.events} events · ${stats.conflicting} conflicting`;
  } catch (error) {
    $("#store-stats").textContent = `archive unavailable: ${error.message}`;
  }
}

// ---------------------------------------------------------------- wiring

function showTab(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.id !== name;
  if (name === "archive" && !archive.events.length) searchArchive();
}

document.addEventListener("DOMContentLoaded", () => {
  const select = $("#filters").elements.code;
  for (const [code, name] of CAMEO_ROOTS) select.append(el("option", { value: code }, `${code} ${name}`));
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => showTab(tab.dataset.tab));
  $("#analyze").addEventListener("click", analyse);
  $("#store-article").addEventListener("click", storeArticle);
  $("#file").addEventListener("change", (event) => event.target.files[0] && openFile(event.target.files[0]));
  const zone = $("#drop-zone");
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("dragging"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer.files[0]) openFile(event.dataTransfer.files[0]);
  });
  $("#filters").addEventListener("submit", (event) => { event.preventDefault(); searchArchive(); });
  $("#more").addEventListener("click", () => searchArchive(true));
  $("#timeline-metric").addEventListener("change", drawTimeline);
  document.addEventListener("click", (event) => {
    const piece = event.target.closest("#marked-text span[data-quote]");
    if (piece) selectQuote(Number(piece.dataset.quote.split(" ")[0]));
    const trigger = event.target.closest("#marked-text span[data-event]");
    if (trigger) selectEvent(Number(trigger.dataset.event.split(" ")[0]));
  });
  loadStats();
});
