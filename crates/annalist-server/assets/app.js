// annalist web page: timeline, list, article view, conflicts.
//
// Every string that comes from the archive (titles, text, URLs, figures) is untrusted. This
// file never parses markup (no HTML-string setters, no document writes, no eval): the DOM is
// built with createElement and textContent, attributes are set with setAttribute (which
// stores the value as data), and links are only made from http(s) URLs.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const DAY = 86400;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // The view never goes beyond what the archive can hold (9999 BCE to 9999 CE), nor below a minute.
  const MIN_T = civilToSeconds(-9999, 1, 1);
  const MAX_T = civilToSeconds(10000, 1, 1);
  const MIN_SPAN = 60 * 10;

  // ---- DOM helpers: text only --------------------------------------------------------
  // The words of a vague count ("hundreds"), shown beside the number that codes them so
  // that "dozens" never reads as twelve. Returned as text: callers put it in text nodes or
  // attributes, never in markup.
  function vagueWords(f) {
    return f.vague ? ' ("' + String(f.vague).toLowerCase() + '")' : '';
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // A link only for http(s) URLs; anything else (javascript:, data:) is shown as text.
  function safeLink(url, label) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') {
        return el('a', { href: u.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, label || u.href);
      }
    } catch (_) { /* not a URL */ }
    return el('span', {}, label || String(url));
  }

  // ---- Calendar arithmetic (proleptic Gregorian, astronomical years) ----------------
  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const mp = (m + 9) % 12;
    const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }
  function civilFromDays(z) {
    z += 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
  }
  function civilToSeconds(y, m, d) { return daysFromCivil(y, m, d) * DAY; }
  function fromSeconds(t) {
    const days = Math.floor(t / DAY);
    const c = civilFromDays(days);
    const rest = t - days * DAY;
    c.h = Math.floor(rest / 3600);
    c.min = Math.floor((rest % 3600) / 60);
    return c;
  }
  const pad = (n) => String(n).padStart(2, '0');
  function yearLabel(y) { return y <= 0 ? (1 - y) + ' BCE' : String(y); }
  // What a TIMEX3 mod says in words, before the date ("late 1980s", "about 1990").
  const MOD_WORDS = { START: 'early ', MID: 'mid-', END: 'late ', APPROX: 'about ', BEFORE: 'before ', AFTER: 'after ', ON_OR_BEFORE: 'by ', ON_OR_AFTER: 'from ' };
  function formatWhen(entry) {
    return (MOD_WORDS[entry.mod] || '') + formatDate(entry);
  }
  function formatDate(entry) {
    if (entry.start_s === null || entry.start_s === undefined) return entry.value;
    // A range ("1992/1994"): each end at its granularity, the second from the interval's end.
    const slash = entry.value.indexOf('/');
    if (slash > 0 && entry.end_s !== null && entry.end_s !== undefined) {
      const first = formatDate({ ...entry, value: entry.value.slice(0, slash) });
      const second = formatDate({ ...entry, value: entry.value.slice(slash + 1), start_s: entry.end_s - 1 });
      return first + ' – ' + second;
    }
    const c = fromSeconds(entry.start_s);
    const day = c.d + ' ' + MONTHS[c.m - 1] + ' ' + yearLabel(c.y);
    // "Early", "mid-" and "late" narrow a period's interval to a third of it: a decade or a
    // century is named from its value ("198", "19"), not from where that third starts.
    const named = /^\d+$/.test(entry.value) ? Number(entry.value) : null;
    switch (entry.granularity) {
      case 'century': {
        const y = named !== null ? named * 100 : c.y;
        return yearLabel(y) + '–' + yearLabel(y + 99);
      }
      case 'decade':
        if (named !== null) return named * 10 + 's';
        return c.y > 0 ? c.y + 's' : yearLabel(c.y) + '–' + yearLabel(c.y + 9);
      case 'year': return yearLabel(c.y);
      case 'month': return MONTHS[c.m - 1] + ' ' + yearLabel(c.y);
      case 'day': return day;
      case 'partofday': {
        const part = { MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night', DT: 'daytime' }[entry.value.slice(-2)];
        return day + (part ? ' (' + part + ')' : '');
      }
      case 'hour': case 'minute': case 'second': return day + ' ' + pad(c.h) + ':' + pad(c.min);
      default: return entry.value + ' (' + yearLabel(c.y) + ')';
    }
  }

  // ---- State, kept in the URL ---------------------------------------------------------
  const FILTERS = ['q', 'from', 'to', 'category', 'source'];
  const state = { q: '', from: '', to: '', category: '', source: '', tab: 'timeline', view: null, entry: '', doc: '', s: null };
  let entries = [];
  let total = 0;
  let readOnly = true;

  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const k of FILTERS) state[k] = p.get(k) || '';
    state.tab = p.get('tab') === 'conflicts' ? 'conflicts' : 'timeline';
    const v = (p.get('view') || '').split(',').map(Number);
    state.view = v.length === 2 && v.every(Number.isFinite) && v[0] < v[1] ? clampView(v[0], v[1]) : null;
    state.entry = p.get('event') || '';
    state.doc = p.get('doc') || '';
    const s = Number(p.get('s'));
    state.s = p.has('s') && Number.isInteger(s) && s >= 0 ? s : null;
  }
  let urlTimer = null;
  function writeUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const p = new URLSearchParams();
      for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
      if (state.tab !== 'timeline') p.set('tab', state.tab);
      if (state.view) p.set('view', Math.round(state.view[0]) + ',' + Math.round(state.view[1]));
      if (state.entry) p.set('event', state.entry);
      if (state.doc) p.set('doc', state.doc);
      if (state.s !== null) p.set('s', String(state.s));
      const qs = p.toString();
      history.replaceState(null, '', qs ? '?' + qs : location.pathname);
    }, 150);
  }

  // ---- API ----------------------------------------------------------------------------
  async function api(path, params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) p.set(k, v);
    const qs = p.toString();
    const res = await fetch(path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) throw new Error((body && body.error) || res.status + ' ' + res.statusText);
    return body;
  }
  function showError(err) {
    const box = $('error');
    if (!err) { box.hidden = true; box.textContent = ''; return; }
    box.hidden = false;
    box.textContent = String(err.message || err);
  }

  // ---- Timeline geometry --------------------------------------------------------------
  function clampView(lo, hi) {
    let span = Math.max(hi - lo, MIN_SPAN);
    span = Math.min(span, MAX_T - MIN_T);
    const mid = (lo + hi) / 2;
    lo = Math.max(MIN_T, mid - span / 2);
    hi = lo + span;
    if (hi > MAX_T) { hi = MAX_T; lo = hi - span; }
    return [lo, hi];
  }
  function fitView() {
    const dated = entries.filter((e) => e.start_s !== null && e.end_s !== null);
    if (!dated.length) return clampView(civilToSeconds(1900, 1, 1), civilToSeconds(2030, 1, 1));
    let lo = Math.min(...dated.map((e) => e.start_s));
    let hi = Math.max(...dated.map((e) => e.end_s));
    const margin = Math.max((hi - lo) * 0.05, DAY);
    return clampView(lo - margin, hi + margin);
  }
  // Tick steps, coarse to fine: [kind, size]. Years use calendar years, months calendar months.
  const STEPS = [
    ['year', 1000], ['year', 500], ['year', 200], ['year', 100], ['year', 50], ['year', 20], ['year', 10],
    ['year', 5], ['year', 2], ['year', 1], ['month', 6], ['month', 3], ['month', 1], ['day', 7], ['day', 1],
    ['hour', 12], ['hour', 6], ['hour', 3], ['hour', 1], ['minute', 30], ['minute', 10], ['minute', 5], ['minute', 1],
  ];
  const APPROX = { year: 365.2425 * DAY, month: 30.44 * DAY, day: DAY, hour: 3600, minute: 60 };
  function ticks(lo, hi, width) {
    const want = Math.max(2, Math.floor(width / 110));
    let step = STEPS[STEPS.length - 1];
    for (const s of STEPS) { if ((hi - lo) / (APPROX[s[0]] * s[1]) >= want) { step = s; break; } }
    const [kind, n] = step;
    const out = [];
    const c = fromSeconds(lo);
    if (kind === 'year') {
      for (let y = Math.floor(c.y / n) * n; out.length < 200; y += n) {
        const t = civilToSeconds(y, 1, 1);
        if (t > hi) break;
        if (t >= lo) out.push([t, yearLabel(y)]);
      }
    } else if (kind === 'month') {
      let y = c.y, m = Math.floor((c.m - 1) / n) * n + 1;
      while (out.length < 200) {
        const t = civilToSeconds(y, m, 1);
        if (t > hi) break;
        if (t >= lo) out.push([t, MONTHS[m - 1] + ' ' + yearLabel(y)]);
        m += n; if (m > 12) { m -= 12; y += 1; }
      }
    } else {
      const size = APPROX[kind] * n;
      for (let t = Math.floor(lo / size) * size; t <= hi && out.length < 400; t += size) {
        if (t < lo) continue;
        const d = fromSeconds(t);
        const dayLabel = d.d + ' ' + MONTHS[d.m - 1] + ' ' + yearLabel(d.y);
        out.push([t, kind === 'day' ? dayLabel : (d.h === 0 && d.min === 0 ? dayLabel : pad(d.h) + ':' + pad(d.min))]);
      }
    }
    return out;
  }

  // ---- Rendering the timeline ---------------------------------------------------------
  const chart = $('chart');
  const svgRoot = $('timeline');
  let frame = 0;
  function scheduleRender() {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; render(); });
  }
  function inView(e) {
    return e.start_s !== null && e.end_s !== null && e.end_s > state.view[0] && e.start_s < state.view[1];
  }
  function render() {
    if (!state.view) return;
    const [lo, hi] = state.view;
    const width = chart.clientWidth || 800;
    const height = svgRoot.clientHeight || 240;
    svgRoot.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const x = (t) => ((t - lo) / (hi - lo)) * width;
    clear(svgRoot);
    const axisY = height - 22;
    let labelEnd = -Infinity;
    for (const [t, label] of ticks(lo, hi, width)) {
      const g = svg('g', { class: 'tick' });
      g.append(svg('line', { x1: x(t), x2: x(t), y1: 0, y2: axisY }));
      // A label that would run into the previous one is left out; its line stays.
      if (x(t) + 3 > labelEnd + 6) {
        const text = svg('text', { x: x(t) + 3, y: height - 6 });
        text.textContent = label;
        g.append(text);
        labelEnd = x(t) + 3 + label.length * 6.5;
      }
      svgRoot.append(g);
    }
    const visible = entries.filter(inView);
    // Wide enough to show its extent: a span in a lane. Otherwise a point, clustered by pixel.
    const lanes = [];
    const LANE_H = 18, LANES = Math.max(1, Math.floor((axisY - 60) / (LANE_H + 4)));
    const points = new Map();
    for (const e of visible) {
      const x0 = Math.max(x(e.start_s), -5), x1 = Math.min(x(e.end_s), width + 5);
      if (x1 - x0 >= 6) {
        let lane = lanes.findIndex((end) => end + 2 < x0);
        if (lane === -1 && lanes.length < LANES) { lane = lanes.length; lanes.push(0); }
        if (lane !== -1) {
          lanes[lane] = x1;
          const g = svg('g', { class: 'mark span', 'data-id': e.id });
          g.append(svg('rect', { x: x0, y: 8 + lane * (LANE_H + 4), width: x1 - x0, height: LANE_H, rx: 3 }));
          if (x1 - x0 > 40) {
            const t = svg('text', { x: x0 + 4, y: 8 + lane * (LANE_H + 4) + 13 });
            const label = formatWhen(e) + ' · ' + e.description;
            t.textContent = label.length * 6 > x1 - x0 ? label.slice(0, Math.max(0, Math.floor((x1 - x0 - 8) / 6))) + '…' : label;
            g.append(t);
          }
          addTitle(g, formatWhen(e) + ': ' + e.description);
          svgRoot.append(g);
          continue;
        }
      }
      const px = x((e.start_s + e.end_s) / 2);
      const bucket = Math.floor(px / 16);
      if (!points.has(bucket)) points.set(bucket, []);
      points.get(bucket).push(e);
    }
    const py = axisY - 24;
    for (const [bucket, group] of points) {
      if (group.length === 1) {
        const e = group[0];
        const g = svg('g', { class: 'mark point', 'data-id': e.id });
        g.append(svg('circle', { cx: x((e.start_s + e.end_s) / 2), cy: py, r: 6 }));
        addTitle(g, formatWhen(e) + ': ' + e.description);
        svgRoot.append(g);
      } else {
        const lo2 = Math.min(...group.map((e) => e.start_s));
        const hi2 = Math.max(...group.map((e) => e.end_s));
        const g = svg('g', { class: 'mark cluster', 'data-lo': lo2, 'data-hi': hi2, 'data-count': group.length });
        const cx = (bucket + 0.5) * 16;
        g.append(svg('circle', { cx, cy: py, r: 9 + Math.min(6, Math.log2(group.length)) }));
        const t = svg('text', { x: cx, y: py + 3.5, 'text-anchor': 'middle' });
        t.textContent = String(group.length);
        g.append(t);
        addTitle(g, group.length + ' events: click to zoom in');
        svgRoot.append(g);
      }
    }
    highlightSelected();
    $('range-label').textContent = describeRange(lo, hi);
    renderList(visible);
    writeUrl();
  }
  function addTitle(g, text) {
    const t = svg('title');
    t.textContent = text;
    g.append(t);
  }
  function describeRange(lo, hi) {
    const a = fromSeconds(lo), b = fromSeconds(hi);
    if (hi - lo > 3 * 365 * DAY) return yearLabel(a.y) + ' – ' + yearLabel(b.y);
    if (hi - lo > 3 * DAY) return a.d + ' ' + MONTHS[a.m - 1] + ' ' + yearLabel(a.y) + ' – ' + b.d + ' ' + MONTHS[b.m - 1] + ' ' + yearLabel(b.y);
    return a.d + ' ' + MONTHS[a.m - 1] + ' ' + yearLabel(a.y) + ' ' + pad(a.h) + ':' + pad(a.min) + ' – ' + pad(b.h) + ':' + pad(b.min) + (b.d !== a.d ? ' (+' + Math.round((hi - lo) / DAY) + 'd)' : '');
  }
  function highlightSelected() {
    for (const m of svgRoot.querySelectorAll('.mark.selected')) m.classList.remove('selected');
    if (!state.entry) return;
    for (const m of svgRoot.querySelectorAll('.mark[data-id]')) if (m.getAttribute('data-id') === state.entry) m.classList.add('selected');
  }

  // ---- The list beside the timeline ---------------------------------------------------
  const LIST_MAX = 500;
  function renderList(visible) {
    const list = $('event-list');
    clear(list);
    for (const e of visible.slice(0, LIST_MAX)) {
      const b = el('button', { type: 'button', 'data-id': e.id, 'aria-current': e.id === state.entry ? 'true' : 'false' },
        el('span', { class: 'when' }, formatWhen(e)),
        el('span', { class: 'what' }, e.description),
        el('span', { class: 'nsrc' }, e.sources.length === 1 ? '1 source' : e.sources.length + ' sources'));
      b.addEventListener('click', () => selectEntry(e.id, true));
      list.append(el('li', {}, b));
    }
    const more = visible.length > LIST_MAX ? ' (first ' + LIST_MAX + ')' : '';
    $('list-count').textContent = '· ' + visible.length + ' in view' + more;
  }

  // ---- Details: an entry and its sources ----------------------------------------------
  function selectEntry(id, focusDetail) {
    const e = entries.find((x) => x.id === id);
    if (!e) return;
    state.entry = id;
    for (const b of document.querySelectorAll('#event-list button')) b.setAttribute('aria-current', b.getAttribute('data-id') === id ? 'true' : 'false');
    highlightSelected();
    const box = $('event-detail');
    clear(box);
    box.append(el('h2', {}, formatWhen(e)), el('p', { class: 'what' }, e.description));
    if (e.figures.length) {
      const ul = el('ul', { class: 'figures', 'aria-label': 'Figures' });
      for (const f of e.figures) ul.append(el('li', {}, f.text + ' — ' + f.category + ' (' + f.bound.replace('_', ' ') + (f.replaced ? ', replaced by a revision' : '') + ')' + vagueWords(f)));
      box.append(el('h3', {}, 'Figures'), ul);
    }
    const ul = el('ul', { class: 'sources', 'aria-label': 'Sources' });
    for (const s of e.sources) {
      const open = el('button', { type: 'button', class: 'open-source', 'data-doc': s.doc_id }, 'Read: ' + (s.title || s.doc_id.slice(0, 12)));
      open.addEventListener('click', () => openDocument(s.doc_id, s.start, true));
      const li = el('li', {}, open, ' ', s.published ? '(' + s.published + ') ' : '', s.time_source !== 'explicit' ? '[date ' + s.time_source + '] ' : '');
      if (s.url) li.append(safeLink(s.url, 'original'));
      ul.append(li);
    }
    box.append(el('h3', {}, e.sources.length === 1 ? 'Source' : e.sources.length + ' sources'), ul);
    writeUrl();
    if (focusDetail) { const first = box.querySelector('button'); if (first) first.focus(); }
  }

  // ---- The article, with the sentence highlighted -------------------------------------
  async function openDocument(id, sentenceStart, focus) {
    const box = $('article');
    let doc;
    try { doc = await api('/api/documents/' + encodeURIComponent(id)); } catch (err) { showError(err); return; }
    state.doc = id;
    state.s = sentenceStart;
    writeUrl();
    clear(box);
    const chars = Array.from(doc.text); // offsets count code points, as the API does
    // The statement: an event's own span (a sentence may tell two dated things), else the
    // sentence starting there (a search hit).
    const sentence = doc.events.find((e) => e.start === sentenceStart)
      || doc.sentences.find((s) => s.start === sentenceStart) || null;
    box.append(el('h3', { class: 'doc-title' }, doc.title || '(untitled)'));
    const meta = el('p', { class: 'meta' });
    if (doc.published) meta.append('Published ' + doc.published + ' · ');
    if (doc.author) meta.append(doc.author + ' · ');
    if (doc.url) meta.append(safeLink(doc.url)); else meta.append(doc.path);
    box.append(meta, el('p', { class: 'legend' }, el('span', { class: 'sentence' }, 'the statement'), el('span', { class: 'timex' }, 'time expression'), el('span', { class: 'figure' }, 'figure')));
    // Cut the text at every boundary, then give each piece the classes of what covers it.
    const spans = [];
    if (sentence) spans.push({ start: sentence.start, end: sentence.end, kind: 'sentence', title: '' });
    for (const t of doc.timexes) spans.push({ start: t.start, end: t.end, kind: 'timex', title: t.type + ' ' + t.value });
    for (const f of doc.figures) spans.push({ start: f.start, end: f.end, kind: 'figure', title: f.category + ': ' + f.value + ' ' + f.counted + ' (' + f.bound + ')' + vagueWords(f) });
    const cuts = new Set([0, chars.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(chars.length, s.start))); cuts.add(Math.max(0, Math.min(chars.length, s.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const text = el('div', { class: 'text' });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = chars.slice(a, b).join('');
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { text.append(piece); continue; }
      let node = document.createTextNode(piece);
      // Innermost first, so the sentence mark wraps the timexes and figures inside it.
      for (const s of covering.reverse()) {
        const wrap = el(s.kind === 'sentence' ? 'mark' : 'span', { class: s.kind, title: s.title || null });
        wrap.append(node);
        node = wrap;
      }
      text.append(node);
    }
    box.append(text);
    const first = box.querySelector('mark.sentence');
    if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
    if (focus) box.focus({ preventScroll: true });
  }

  // ---- Conflicts ----------------------------------------------------------------------
  async function renderConflicts() {
    const box = $('conflicts');
    clear(box);
    let data;
    try { data = await api('/api/conflicts', { from: state.from, to: state.to, category: state.category }); } catch (err) { showError(err); return; }
    if (!data.conflicts.length) { box.append(el('p', { class: 'hint' }, 'No conflicting figures for these filters.')); return; }
    const fmt = (n) => Number(n).toLocaleString('en');
    for (const c of data.conflicts) {
      // One day, month or year, or the first and last day of statements whose days overlap
      // ("1990-01-19/1990-01-20").
      const first = c.date.split('/')[0];
      const when = formatWhen({ start_s: c.start_s, end_s: c.end_s, value: c.date, granularity: first.length === 10 ? 'day' : first.length === 7 ? 'month' : first.length === 4 ? 'year' : null });
      const table = el('table', {},
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Source'), el('th', { scope: 'col' }, 'Figure'), el('th', { scope: 'col' }, 'As written'), el('th', { scope: 'col' }, 'Qualifier'))));
      const tbody = el('tbody');
      for (const f of c.figures) {
        const open = el('button', { type: 'button' }, f.source.title || f.source.doc_id.slice(0, 12));
        open.addEventListener('click', () => { switchTab('timeline'); openDocument(f.source.doc_id, f.source.start, true); });
        const value = (f.figure.high !== null && f.figure.high !== undefined && f.figure.high !== f.figure.value ? fmt(f.figure.value) + '–' + fmt(f.figure.high) : fmt(f.figure.value)) + vagueWords(f.figure);
        tbody.append(el('tr', {}, el('td', {}, open), el('td', {}, value), el('td', {}, f.figure.text), el('td', {}, f.figure.bound.replace('_', ' '))));
      }
      table.append(tbody);
      box.append(el('section', { class: 'conflict' },
        el('h3', {}, when + ' · ' + c.category),
        el('p', { class: 'summary' }, 'low ' + fmt(c.low) + ' · best ' + fmt(c.best) + ' · high ' + fmt(c.high)),
        table));
    }
  }
  function switchTab(tab) {
    state.tab = tab;
    $('tab-timeline').setAttribute('aria-pressed', String(tab === 'timeline'));
    $('tab-conflicts').setAttribute('aria-pressed', String(tab === 'conflicts'));
    $('timeline-view').hidden = tab !== 'timeline';
    $('conflicts-view').hidden = tab !== 'conflicts';
    if (tab === 'conflicts') renderConflicts(); else scheduleRender();
    writeUrl();
  }

  // ---- Loading ------------------------------------------------------------------------
  async function load(refit) {
    showError(null);
    let page;
    try {
      page = await api('/api/timeline', { q: state.q, from: state.from, to: state.to, category: state.category, source: state.source, limit: 10000 });
    } catch (err) { showError(err); entries = []; total = 0; scheduleRender(); return; }
    entries = page.entries;
    total = page.total;
    if (refit || !state.view) state.view = fitView();
    $('status').textContent = total + ' events' + (entries.length < total ? ' (showing ' + entries.length + ')' : '') + (readOnly ? ' · read-only' : '');
    render();
    if (state.tab === 'conflicts') renderConflicts();
  }
  async function loadStats() {
    try {
      const s = await api('/api/stats');
      readOnly = s.read_only;
      fillSelect($('f-category'), s.categories, state.category);
      fillSelect($('f-source'), s.sources, state.source);
    } catch (err) { showError(err); }
  }
  function fillSelect(select, values, current) {
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el('option', { value: v }, v));
    if (current && !values.includes(current)) select.append(el('option', { value: current }, current));
    select.value = current;
  }
  function fillForm() {
    for (const k of FILTERS) { const input = $('f-' + k); if (input.tagName === 'INPUT') input.value = state[k]; else input.value = state[k]; }
  }

  // ---- Interaction --------------------------------------------------------------------
  function zoom(factor, anchor) {
    const [lo, hi] = state.view;
    const a = anchor === undefined ? (lo + hi) / 2 : anchor;
    state.view = clampView(a - (a - lo) * factor, a + (hi - a) * factor);
    scheduleRender();
  }
  function pan(fraction) {
    const [lo, hi] = state.view;
    const d = (hi - lo) * fraction;
    state.view = clampView(lo + d, hi + d);
    scheduleRender();
  }
  function timeAt(clientX) {
    const r = chart.getBoundingClientRect();
    const [lo, hi] = state.view;
    return lo + ((clientX - r.left) / r.width) * (hi - lo);
  }
  chart.addEventListener('wheel', (ev) => {
    if (!state.view) return;
    ev.preventDefault();
    const delta = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(delta)) { pan((ev.deltaX || delta) / chart.clientWidth); return; }
    zoom(Math.exp(Math.max(-1, Math.min(1, delta * 0.002))), timeAt(ev.clientX));
  }, { passive: false });
  let drag = null;
  chart.addEventListener('pointerdown', (ev) => {
    if (!state.view || ev.button !== 0) return;
    drag = { x: ev.clientX, view: state.view.slice(), moved: false, id: ev.pointerId };
  });
  chart.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    if (Math.abs(dx) > 3 && !drag.moved) { drag.moved = true; chart.setPointerCapture(drag.id); chart.classList.add('dragging'); }
    if (!drag.moved) return;
    const [lo, hi] = drag.view;
    const dt = (dx / chart.clientWidth) * (hi - lo);
    state.view = clampView(lo - dt, hi - dt);
    scheduleRender();
  });
  function endDrag() { if (drag && drag.moved) chart.classList.remove('dragging'); }
  chart.addEventListener('pointerup', (ev) => {
    const wasDrag = drag && drag.moved;
    endDrag();
    drag = null;
    if (wasDrag) return;
    const mark = ev.target.closest ? ev.target.closest('.mark') : null;
    if (!mark) return;
    if (mark.classList.contains('cluster')) {
      const lo = Number(mark.getAttribute('data-lo')), hi = Number(mark.getAttribute('data-hi'));
      const pad2 = Math.max((hi - lo) * 0.1, 3600);
      state.view = clampView(lo - pad2, hi + pad2);
      scheduleRender();
    } else {
      selectEntry(mark.getAttribute('data-id'), false);
    }
  });
  chart.addEventListener('pointercancel', () => { endDrag(); drag = null; });
  chart.addEventListener('dblclick', (ev) => zoom(0.5, timeAt(ev.clientX)));
  chart.addEventListener('keydown', (ev) => {
    if (!state.view) return;
    const keys = { '+': () => zoom(0.5), '=': () => zoom(0.5), '-': () => zoom(2), _: () => zoom(2), ArrowLeft: () => pan(-0.1), ArrowRight: () => pan(0.1), Home: () => { state.view = fitView(); scheduleRender(); } };
    const f = keys[ev.key];
    if (f) { ev.preventDefault(); f(); }
  });
  $('zoom-in').addEventListener('click', () => zoom(0.5));
  $('zoom-out').addEventListener('click', () => zoom(2));
  $('zoom-fit').addEventListener('click', () => { state.view = fitView(); scheduleRender(); });
  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of FILTERS) state[k] = $('f-' + k).value.trim();
    state.entry = '';
    load(true);
  });
  $('f-clear').addEventListener('click', () => {
    for (const k of FILTERS) state[k] = '';
    fillForm();
    load(true);
  });
  $('tab-timeline').addEventListener('click', () => switchTab('timeline'));
  $('tab-conflicts').addEventListener('click', () => switchTab('conflicts'));
  window.addEventListener('resize', scheduleRender);

  async function start() {
    readUrl();
    fillForm();
    await loadStats();
    await load(false);
    switchTab(state.tab);
    if (state.entry) selectEntry(state.entry, false);
    if (state.doc) await openDocument(state.doc, state.s, false);
    document.body.setAttribute('data-ready', 'true');
  }
  start();
})();
