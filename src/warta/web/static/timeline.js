// Timelines: every element with data-series (a timeline answer: {granularity, buckets}) becomes an
// SVG bar chart sized to its box, redrawn when the box changes width. Spikes (bucket.spike) are
// drawn in the spike colour with a marker; labels are thinned so they never overlap.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function niceMax(value) {
    if (value <= 5) return Math.max(1, value);
    const step = Math.pow(10, Math.floor(Math.log10(value)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
    return 10 * step;
  }

  // bucket labels in the page's language: "10 Mar" (day), "4 Mar" (week: its Monday), "Mar 2024"
  const lang = document.documentElement.lang || "id";
  function shortLabel(b, granularity, withYear) {
    const d = new Date(b.start + "T00:00:00Z");
    if (isNaN(d)) return b.label;
    const opts = granularity === "month" ? { month: "short", year: "numeric" }
      : Object.assign({ day: "numeric", month: "short" }, withYear ? { year: "numeric" } : {});
    opts.timeZone = "UTC";
    try { return new Intl.DateTimeFormat(lang, opts).format(d); } catch (e) { return b.label; }
  }

  function draw(box) {
    const data = JSON.parse(box.dataset.series || "{}");
    const buckets = data.buckets || [];
    box.textContent = "";
    if (!buckets.length) return;
    const width = Math.max(240, box.clientWidth || 600);
    const height = Number(box.dataset.height || 200);
    const left = 36, right = 8, top = 14, bottom = 34;
    const plotW = width - left - right, plotH = height - top - bottom;
    const max = niceMax(Math.max(...buckets.map((b) => b.count)));
    const svg = el("svg", {
      class: "tl", width: width, height: height, viewBox: `0 0 ${width} ${height}`, role: "img",
      "aria-label": box.dataset.label || "timeline",
    }, box);
    for (const frac of [0, 0.5, 1]) {
      const y = top + plotH * (1 - frac);
      el("line", { class: "tl-grid", x1: left, x2: width - right, y1: y, y2: y }, svg);
      const t = el("text", { class: "tl-axis", x: left - 4, y: y + 4, "text-anchor": "end" }, svg);
      t.textContent = String(Math.round(max * frac * 10) / 10);
    }
    const slot = Math.min(plotW / buckets.length, 56);
    const x0 = left + (plotW - slot * buckets.length) / 2;
    const gap = slot > 6 ? Math.min(2, slot * 0.15) : 0;
    const labelEvery = Math.max(1, Math.ceil((data.granularity === "day" ? 74 : 62) / slot));
    let lastRight = -Infinity;
    buckets.forEach((b, i) => {
      const h = b.count ? Math.max(1, (plotH * b.count) / max) : 0;
      const x = x0 + i * slot;
      const bar = el("rect", {
        class: b.spike ? "tl-bar tl-spike" : "tl-bar", x: x + gap / 2, y: top + plotH - h,
        width: Math.max(0.6, slot - gap), height: h, "data-label": b.label, "data-count": b.count,
      }, svg);
      const tip = el("title", {}, bar);
      tip.textContent = `${shortLabel(b, data.granularity, true)} (${b.label}): ${b.count}` + (b.z === null ? "" : ` (z = ${b.z})`);
      if (b.spike) {
        const cx = x + slot / 2, cy = top + plotH - h - 3;
        el("path", { class: "tl-marker", d: `M${cx - 4},${cy - 6} L${cx + 4},${cy - 6} L${cx},${cy} Z` }, svg);
      }
      if (i % labelEvery === 0) {
        const cx = Math.min(width - right - 30, Math.max(left + 30, x + slot / 2));
        const t = el("text", { class: "tl-axis", x: cx, y: height - bottom + 14, "text-anchor": "middle" }, svg);
        t.textContent = shortLabel(b, data.granularity, i === 0 || buckets[i - labelEvery] === undefined
          || buckets[i - labelEvery].start.slice(0, 4) !== b.start.slice(0, 4));
        const w = t.getComputedTextLength ? t.getComputedTextLength() : 60;
        if (cx - w / 2 < lastRight + 6 || cx + w / 2 > width) t.remove();  // never overlap
        else lastRight = cx + w / 2;
      }
    });
    el("line", { class: "tl-base", x1: left, x2: width - right, y1: top + plotH, y2: top + plotH }, svg);
  }

  function start() {
    const boxes = document.querySelectorAll("[data-series]");
    boxes.forEach(draw);
    if (window.ResizeObserver) {
      const widths = new WeakMap();
      const ro = new ResizeObserver((entries) => {
        for (const entry of entries) {
          const w = Math.round(entry.contentRect.width);
          if (widths.get(entry.target) !== w) { widths.set(entry.target, w); draw(entry.target); }
        }
      });
      boxes.forEach((b) => ro.observe(b));
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
