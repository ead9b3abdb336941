// The map, with no network: boundaries from this server (/static/geo/, see LICENSE.md there) drawn as
// SVG. Countries and Indonesian provinces are shaded by the articles naming a place in them; places
// resolved to a city, regency or point are dots (size: articles + events); the precision of each
// place shows in its colour and in the panel a click opens. Wheel or +/- zoom, drag pans.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const box = document.getElementById("map");
  if (!box) return;
  const data = JSON.parse(box.dataset.places || '{"places":[],"events":[]}');
  const VIEWS = { world: [-180, -58, 180, 84], idn: [94, -11.5, 142, 6.8] };
  const t = (key) => box.dataset["t" + key] || key;

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  // equirectangular: x = lon, y = -lat (the viewBox does the scaling)
  function path(geometry) {
    const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    let d = "";
    for (const poly of polys) for (const ring of poly) {
      d += "M" + ring.map((p) => p[0].toFixed(3) + "," + (-p[1]).toFixed(3)).join("L") + "Z";
    }
    return d;
  }

  const byCountry = {}, byProvince = {};
  for (const p of data.places) {
    const w = p.articles + p.events;
    // Indonesia is shaded by province (its country shape stays plain underneath)
    if (p.geo.country && p.geo.country !== "IDN") byCountry[p.geo.country] = (byCountry[p.geo.country] || 0) + w;
    if (p.geo.province_code) byProvince[p.geo.province_code] = (byProvince[p.geo.province_code] || 0) + w;
  }
  const shade = (value, max) => (value ? "shade-" + Math.min(5, 1 + Math.floor((4.999 * value) / Math.max(1, max))) : "");

  const wanted = box.dataset.view === "world" || box.dataset.view === "idn" ? box.dataset.view
    : (data.places.some((p) => p.geo.country === "IDN") ? "idn" : "world");
  let view = VIEWS[wanted].slice();
  const svg = el("svg", { class: "map-svg", role: "img", "aria-label": box.dataset.label || "map",
    preserveAspectRatio: "xMidYMid meet" }, box);
  const sea = el("rect", { class: "map-sea", x: -200, y: -100, width: 400, height: 200 }, svg);
  const countries = el("g", { class: "map-countries" }, svg);
  const provinces = el("g", { class: "map-provinces" }, svg);
  const dots = el("g", { class: "map-dots" }, svg);
  const panel = document.getElementById("map-panel");

  function setView(v) {
    view = v;
    const ratio = (v[2] - v[0]) / (v[3] - v[1]);
    svg.setAttribute("viewBox", `${v[0]} ${-v[3]} ${v[2] - v[0]} ${v[3] - v[1]}`);
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", Math.round(Math.min(620, Math.max(260, (box.clientWidth || 800) / ratio))));
    const scale = (v[2] - v[0]) / (box.clientWidth || 800);
    dots.querySelectorAll("circle").forEach((c) => c.setAttribute("r", (c.dataset.px * scale).toFixed(3)));
  }

  function show(p) {
    if (!panel) return;
    panel.textContent = "";
    const h = document.createElement("h3");
    h.textContent = p.name;
    panel.appendChild(h);
    const g = p.geo;
    const rows = [[t("precision"), t("p" + g.precision)], ["ISO-3", g.country], [t("province"), g.province && `${g.province} (${g.province_code})`],
      [t("regency"), g.regency && `${g.regency} (${g.regency_code})`],
      ["lat/lon", g.lat != null ? `${g.lat.toFixed(3)}, ${g.lon.toFixed(3)}` : null],
      [t("articles"), p.articles], [t("events"), p.events]];
    const dl = document.createElement("dl");
    for (const [k, v] of rows) {
      if (v === null || v === undefined || v === "") continue;
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = k.charAt(0).toUpperCase() + k.slice(1); dd.textContent = String(v);
      dl.append(dt, dd);
    }
    panel.appendChild(dl);
    const link = document.createElement("a");
    link.href = "/entities/" + encodeURIComponent(p.id);
    link.textContent = p.name + " →";
    panel.appendChild(link);
  }

  function drawDots() {
    const sorted = data.places.filter((p) => p.geo.lat != null && p.geo.lon != null)
      .sort((a, b) => b.articles + b.events - (a.articles + a.events));
    for (const p of sorted) {
      const c = el("circle", { cx: p.geo.lon, cy: -p.geo.lat, class: `map-dot prec-${p.geo.precision}`,
        "data-id": p.id, "data-precision": p.geo.precision, tabindex: 0 }, dots);
      c.dataset.px = String(3 + 1.5 * Math.sqrt(p.articles + p.events));
      const tip = el("title", {}, c);
      tip.textContent = `${p.name} · ${t("p" + p.geo.precision)} · ${p.articles} / ${p.events}`;
      c.addEventListener("click", () => show(p));
      c.addEventListener("keydown", (ev) => { if (ev.key === "Enter") show(p); });
    }
  }

  function drawShapes(layer, geo, counts, kind) {
    const max = Math.max(0, ...Object.values(counts));
    for (const f of geo.features) {
      const value = counts[f.id] || 0;
      const p = el("path", { d: path(f.geometry), class: `map-${kind} ${shade(value, max)}`.trim(), "data-id": f.id }, layer);
      const tip = el("title", {}, p);
      tip.textContent = f.properties.name + (value ? `: ${value}` : "");
    }
  }

  function zoom(factor, cx, cy) {
    const w = (view[2] - view[0]) * factor, h = (view[3] - view[1]) * factor;
    cx = cx === undefined ? (view[0] + view[2]) / 2 : cx;
    cy = cy === undefined ? (view[1] + view[3]) / 2 : cy;
    setView([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]);
  }

  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const lon = view[0] + ((ev.clientX - r.left) / r.width) * (view[2] - view[0]);
    const lat = view[3] - ((ev.clientY - r.top) / r.height) * (view[3] - view[1]);
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, lon, lat);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { if (ev.target.tagName !== "circle") drag = [ev.clientX, ev.clientY, view.slice()]; });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    const dx = ((ev.clientX - drag[0]) / r.width) * (drag[2][2] - drag[2][0]);
    const dy = ((ev.clientY - drag[1]) / r.height) * (drag[2][3] - drag[2][1]);
    setView([drag[2][0] - dx, drag[2][1] + dy, drag[2][2] - dx, drag[2][3] + dy]);
  });
  document.querySelectorAll("[data-map-view]").forEach((b) => b.addEventListener("click", () => setView(VIEWS[b.dataset.mapView].slice())));
  document.querySelectorAll("[data-map-zoom]").forEach((b) => b.addEventListener("click", () => zoom(Number(b.dataset.mapZoom))));

  Promise.all(["/static/geo/countries.json", "/static/geo/provinces.json"].map((u) => fetch(u).then((r) => r.json())))
    .then(([world, idn]) => {
      drawShapes(countries, world, byCountry, "country");
      drawShapes(provinces, idn, byProvince, "province");
      drawDots();
      setView(view);
      box.dataset.ready = "1";
    });
})();
