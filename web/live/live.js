// The live monitor page: one WebSocket (/ws) of JSON messages from `spikeguard serve` or
// `spikeguard run … --serve PORT`; reconnects by itself when the server restarts.
'use strict';
const $ = (id) => document.getElementById(id);
const COLORS = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#fabebe'];
const HISTORY = 60;
let sensor = { width: 0, height: 0 };
let classes = [];
let history = [];
let retryMs = 250;

function drawFrame(counts) {
  const canvas = $('frame');
  const ctx = canvas.getContext('2d');
  const { width, height } = sensor;
  const image = ctx.createImageData(width, height);
  const cells = width * height;
  for (let i = 0; i < cells; i++) {
    const off = counts[i], on = counts[cells + i];
    image.data[4 * i] = Math.min(255, off * 120);
    image.data[4 * i + 1] = Math.min(255, on * 120);
    image.data[4 * i + 2] = 0;
    image.data[4 * i + 3] = 255;
  }
  const scratch = new OffscreenCanvas(width, height);
  scratch.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, canvas.width, canvas.height);
}

function drawProbabilities() {
  const canvas = $('probs');
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (history.length === 0) return;
  const n = history[0].scores.length;
  const dx = canvas.width / (HISTORY - 1);
  for (let c = 0; c < n; c++) {
    ctx.strokeStyle = COLORS[c % COLORS.length];
    ctx.beginPath();
    history.forEach((p, i) => {
      const y = canvas.height * (1 - p.scores[c]);
      if (i === 0) ctx.moveTo(i * dx, y); else ctx.lineTo(i * dx, y);
    });
    ctx.stroke();
  }
  const last = history[history.length - 1];
  $('bars').innerHTML = last.scores.map((s, c) =>
    `<li style="color:${COLORS[c % COLORS.length]}">${(classes[c] ?? c).toString().padStart(3)} ${'█'.repeat(Math.round(20 * s))} ${(100 * s).toFixed(1)} %</li>`).join('');
}

function showCounters(c, skipped) {
  const rows = [['events in', c.eventsIn], ['monitor windows skipped', c.monitorSkipped], ['page messages skipped', skipped]];
  for (const [k, v] of Object.entries(c.source)) rows.push([`source: ${k}`, v]);
  for (const [k, v] of Object.entries(c.filtered)) rows.push([`filter: ${k}`, v]);
  $('counters').innerHTML = rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('');
}

const handlers = {
  hello(m) {
    if (m.sensor !== null) handlers.sensor(m.sensor);
    classes = m.classes;
    $('model').textContent = `${m.model} · windows of ${(m.windowUs / 1000).toFixed(0)} ms`;
  },
  sensor(m) {
    sensor = { width: m.width, height: m.height };
    const canvas = $('frame');
    const scale = Math.max(1, Math.floor(272 / Math.max(m.width, m.height)));
    canvas.width = m.width * scale;
    canvas.height = m.height * scale;
  },
  frame(m) {
    drawFrame(Uint8Array.from(atob(m.counts), (ch) => ch.charCodeAt(0)));
    $('events').textContent = `${m.events} events in the 30 ms before ${(m.endUs / 1e6).toFixed(2)} s`;
  },
  prediction(m) {
    history.push(m);
    if (history.length > HISTORY) history = history.slice(-HISTORY);
    drawProbabilities();
    const truth = m.truth === null ? '' : ` · true ${classes[m.truth] ?? m.truth}`;
    $('prediction').textContent = `predicted ${classes[m.label] ?? m.label}${truth}`;
    showCounters(m.counters, m.skipped);
  },
  monitor(m) {
    const r = m.record;
    $('m-window').textContent = `${r.window} (${(r.startUs / 1e6).toFixed(2)} s)`;
    $('m-eps').textContent = r.epsHigh === null ? `> ${r.epsLow.toFixed(3)}` : `${r.epsLow.toFixed(3)} – ${r.epsHigh.toFixed(3)}`;
    $('m-random').textContent = r.randomFlipRate === null ? '–' : `${(100 * r.randomFlipRate).toFixed(0)} %`;
    $('m-status').textContent = r.status;
  },
  summary(m) {
    $('summary').textContent = JSON.stringify(m.summary, null, 1);
  },
};

function connect() {
  const ws = new WebSocket(`ws://${location.host}/ws`);
  ws.onopen = () => {
    retryMs = 250;
    $('status').textContent = 'connected';
    $('status').className = 'up';
  };
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    handlers[m.type]?.(m);
  };
  ws.onclose = () => {
    $('status').textContent = 'disconnected, retrying…';
    $('status').className = 'down';
    setTimeout(connect, retryMs);
    retryMs = Math.min(2 * retryMs, 2000);
  };
}
connect();
