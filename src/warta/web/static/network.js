// Actor network: #network[data-graph] ({nodes, edges}) drawn as SVG with a small force layout
// (no library). Nodes are sized by articles and coloured by type; "co" edges (same article) are
// grey lines, "acts" edges (events, source → target) coloured arrows. Drag a node to move it,
// hover to see its neighbours, click to open its entity page. The layout is deterministic.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const box = document.getElementById("network");
  if (!box) return;
  const graph = JSON.parse(box.dataset.graph || '{"nodes":[],"edges":[]}');
  if (!graph.nodes.length) return;

  function el(name, attrs, parent) {
    const node = document.createElementNS(NS, name);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }

  const width = Math.max(320, box.clientWidth || 800);
  const height = Math.round(width < 600 ? Math.max(480, width * 1.25) : Math.min(720, Math.max(420, width * 0.62)));
  const nodes = graph.nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / graph.nodes.length;
    const ring = 0.18 + 0.22 * ((i * 7) % 5) / 4;
    return Object.assign({}, n, {
      x: width / 2 + Math.cos(angle) * width * ring, y: height / 2 + Math.sin(angle) * height * ring,
      vx: 0, vy: 0, r: 5 + 3.2 * Math.sqrt(n.articles || 1),
    });
  });
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = graph.edges.filter((e) => index.has(e.source) && index.has(e.target));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));

  // force layout: pairwise repulsion, springs on edges, a pull to the centre; cooled over 400 steps
  function layout(steps) {
    const k = Math.sqrt((width * height) / nodes.length) * 0.55;
    for (let step = 0; step < steps; step++) {
      const t = 1 - step / steps;
      for (const n of nodes) { n.vx = 0; n.vy = 0; }
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          const f = (k * k) / d2;
          dx *= f; dy *= f;
          a.vx += dx; a.vy += dy; b.vx -= dx; b.vy -= dy;
        }
      }
      for (const e of edges) {
        const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
        const dx = b.x - a.x, dy = b.y - a.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const f = ((d * d) / k) * (0.12 + (0.25 * e.weight) / maxW) * (e.kind === "acts" ? 1.3 : 1) / d;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
      for (const n of nodes) {
        // gravity: a weak spring to the centre (squared distance), so separate groups stay close
        const gx = width / 2 - n.x, gy = (height / 2 - n.y) * (width / height);
        const g = Math.sqrt(gx * gx + gy * gy) / k * 0.2;
        n.vx += gx * g; n.vy += gy * g;
        const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1;
        const limit = Math.min(v, 40 * t + 1);
        const margin = Math.min(60, width * 0.08);
        n.x = Math.min(width - margin, Math.max(margin, n.x + (n.vx / v) * limit));
        n.y = Math.min(height - n.r - 16, Math.max(n.r + 6, n.y + (n.vy / v) * limit));
      }
    }
  }
  layout(400);

  const svg = el("svg", { class: "net", width: width, height: height, viewBox: `0 0 ${width} ${height}`,
    role: "img", "aria-label": box.dataset.label || "network" });
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerUnits: "userSpaceOnUse",
    markerHeight: 9, orient: "auto-start-reverse" }, defs);
  el("path", { d: "M0,0 L10,5 L0,10 z", class: "net-arrow" }, marker);
  const edgeLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg);
  const lines = edges.map((e) => {
    const line = el(e.kind === "acts" ? "path" : "line", {
      class: `net-edge net-${e.kind}` + (e.kind === "acts" ? ` net-${(e.type || "").toLowerCase()}` : ""),
      "stroke-width": (e.kind === "acts" ? 1.6 : 0.8) + (2.4 * e.weight) / maxW,
      "data-kind": e.kind, "data-source": e.source, "data-target": e.target,
    }, edgeLayer);
    if (e.kind === "acts") line.setAttribute("marker-end", "url(#arrow)");
    const tip = el("title", {}, line);
    const names = [nodes[index.get(e.source)].name, nodes[index.get(e.target)].name];
    tip.textContent = e.kind === "acts" ? `${names[0]} → ${names[1]}: ${e.type} ×${e.weight}` : `${names[0]} — ${names[1]}: ${e.weight}`;
    return line;
  });
  const groups = nodes.map((n) => {
    const g = el("g", { class: `net-node net-${(n.type || "other").toLowerCase()}`, "data-id": n.id, tabindex: 0 }, nodeLayer);
    el("circle", { r: n.r }, g);
    const label = el("text", { y: n.r + 11, "text-anchor": "middle" }, g);
    label.textContent = n.name.length > 28 ? n.name.slice(0, 27) + "…" : n.name;
    const tip = el("title", {}, g);
    tip.textContent = `${n.name} · ${n.type}${n.country ? " · " + n.country : ""} · ${n.articles}`;
    return g;
  });

  function place() {
    edges.forEach((e, i) => {
      const a = nodes[index.get(e.source)], b = nodes[index.get(e.target)];
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      if (e.kind === "acts") {
        // a curve bent to its left: A → B and B → A stay apart
        const mx = (a.x + b.x) / 2 - (dy / d) * 18, my = (a.y + b.y) / 2 + (dx / d) * 18;
        const ex = b.x - mx, ey = b.y - my, ed = Math.max(Math.sqrt(ex * ex + ey * ey), 1);
        const tx = b.x - (ex / ed) * (b.r + 2), ty = b.y - (ey / ed) * (b.r + 2);
        lines[i].setAttribute("d", `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`);
        return;
      }
      lines[i].setAttribute("x1", a.x.toFixed(1)); lines[i].setAttribute("y1", a.y.toFixed(1));
      lines[i].setAttribute("x2", b.x.toFixed(1)); lines[i].setAttribute("y2", b.y.toFixed(1));
    });
    groups.forEach((g, i) => {
      const n = nodes[i];
      g.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
      // labels near an edge grow inwards, so that none is cut off
      const label = g.querySelector("text");
      label.setAttribute("text-anchor", n.x < width * 0.18 ? "start" : n.x > width * 0.82 ? "end" : "middle");
      label.setAttribute("x", n.x < width * 0.18 ? -n.r : n.x > width * 0.82 ? n.r : 0);
    });
  }
  place();
  box.appendChild(svg);

  function focus(id) {
    const near = new Set([id]);
    edges.forEach((e) => { if (e.source === id) near.add(e.target); if (e.target === id) near.add(e.source); });
    groups.forEach((g, i) => g.classList.toggle("net-dim", id !== null && !near.has(nodes[i].id)));
    lines.forEach((l, i) => l.classList.toggle("net-dim", id !== null && edges[i].source !== id && edges[i].target !== id));
  }

  let dragging = null, moved = false;
  groups.forEach((g, i) => {
    g.addEventListener("pointerenter", () => focus(nodes[i].id));
    g.addEventListener("pointerleave", () => { if (!dragging) focus(null); });
    g.addEventListener("pointerdown", (ev) => { dragging = i; moved = false; g.setPointerCapture(ev.pointerId); });
    g.addEventListener("pointermove", (ev) => {
      if (dragging !== i) return;
      const rect = svg.getBoundingClientRect();
      nodes[i].x = ((ev.clientX - rect.left) * width) / rect.width;
      nodes[i].y = ((ev.clientY - rect.top) * height) / rect.height;
      moved = true;
      place();
    });
    g.addEventListener("pointerup", () => {
      dragging = null;
      if (!moved) window.location.href = "/entities/" + encodeURIComponent(nodes[i].id);
    });
    g.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") window.location.href = "/entities/" + encodeURIComponent(nodes[i].id);
    });
  });

  document.querySelectorAll("input[data-edge-kind]").forEach((box_) => {
    box_.addEventListener("change", () => {
      const kind = box_.dataset.edgeKind;
      lines.forEach((l, i) => { if (edges[i].kind === kind) l.classList.toggle("net-hidden", !box_.checked); });
    });
  });
})();
