// Phone page (ES module). Server texts go in with textContent only, never as HTML.
const OK = 'workshop.akkoord', TOKEN = 'workshop.token', CODE = /^[A-HJKMNP-Z2-9]{6}$/;
const DELAYS = [500, 1000, 2000, 4000], LOST = 'Verbinding kwijt, opnieuw verbinden…';
let code = '', on = false, ws = null, welcomed = false, tries = 0, timer = 0, key = '';
let st = null; // last state
let mine = null; // {round, choice}: counted by the hub
let pend = null; // {round, choice|text, sent}: not acked yet
let wa; // answer from the welcome, applied with the next state
let draft = '', draftRound = null, sentText = '';

const $ = id => document.getElementById(id);
const load = k => { try { return localStorage.getItem(k); } catch (e) { return null; } };
const save = (k, v) => { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } };
const norm = c => String(c || '').replace(/[\s-]/g, '').toUpperCase();
const round = () => st && st.round;
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = String(text);
  return e;
}
const show = id => ['privacy', 'code', 'wait', 'question', 'results', 'ended'].forEach(s => { $(s).hidden = s !== id; });
function say(id, text) { const e = $(id); e.textContent = text || ''; e.hidden = !text; }
function status(text, lost) { const e = $('status'); e.textContent = text; e.classList.toggle('lost', !!lost); }

function begin() {
  if (CODE.test(code)) { on = true; show('wait'); connect(); }
  else askCode(code ? 'Deze code klopt niet. Kijk nog eens op het scherm.' : '');
}

function askCode(message) {
  on = false; clearTimeout(timer); drop(); status('');
  show('code'); say('error', message);
  $('code-input').value = code;
  $('code-input').focus();
}

function onCode(ev) {
  ev.preventDefault();
  const c = norm($('code-input').value);
  if (!CODE.test(c)) return say('error', 'Een code heeft 6 tekens: letters en cijfers. Kijk nog eens op het scherm.');
  code = c; tries = 0; say('error', '');
  try { history.replaceState(null, '', '/j/' + c); } catch (e) { /* not important */ }
  begin();
}

// ---- connection

function drop() { const w = ws; ws = null; welcomed = false; if (w) w.close(); }
const busy = () => ws && ws.readyState < 2;

function connect() {
  clearTimeout(timer);
  if (!on || busy()) return;
  welcomed = false;
  status(tries ? LOST : 'Verbinden…', tries > 0);
  let w;
  try { w = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws'); } catch (e) { return retry(); }
  ws = w;
  w.onopen = () => {
    const join = { type: 'join', code }, token = load(TOKEN);
    if (token) join.token = token;
    w.send(JSON.stringify(join));
  };
  w.onmessage = ev => {
    let m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    if (w === ws && m && typeof m === 'object') handle(m);
  };
  w.onclose = () => {
    if (w !== ws) return;
    ws = null; welcomed = false;
    if (pend) pend.sent = false; // no ack: send again after reconnecting
    retry(); update();
  };
}

function retry() {
  if (!on) return;
  status(LOST, true);
  clearTimeout(timer);
  timer = setTimeout(connect, DELAYS[Math.min(tries++, 3)]);
}

function now() { if (on && !busy()) { tries = 0; connect(); } }

function send(p) {
  if (!welcomed || !ws || ws.readyState !== 1) return false;
  ws.send(JSON.stringify(p.text != null ? { type: 'text', round: p.round, text: p.text }
    : { type: 'vote', round: p.round, choice: p.choice }));
  return true;
}

function ended() { on = false; drop(); status(''); show('ended'); }

function handle(m) {
  if (m.type === 'welcome' && m.role === 'participant') {
    welcomed = true; tries = 0; status('Verbonden');
    if (typeof m.token === 'string') save(TOKEN, m.token);
    wa = m.answer == null ? null : String(m.answer);
  } else if (m.type === 'state') {
    const was = round();
    if (was && (!m.round || m.round.id !== was.id)) say('error', '');
    st = m;
    if (wa !== undefined) {
      mine = m.round && wa !== null ? { round: m.round.id, choice: wa } : null;
      wa = undefined;
      flush();
    }
    render();
  } else if (m.type === 'ack') {
    const choice = m.text ? true : String(m.choice);
    if (pend && pend.round === m.round && (m.text ? pend.text != null : String(pend.choice) === choice)) pend = null;
    mine = { round: m.round, choice };
    update();
  } else if (m.type === 'error') {
    const text = m.message || 'Er ging iets mis.';
    if (!welcomed) return m.code === 'session_ended' ? ended() : askCode(text);
    say('error', text);
    if (pend && pend.sent) pend = null;
    update();
  }
}

// A vote that waited for the connection goes out only if its question is still open.
function flush() {
  const p = pend, r = round();
  if (!p || p.sent) return;
  if (r && r.id === p.round && r.phase === 'open') { p.sent = send(p); return; }
  pend = null;
  say('error', 'Je stem is niet verstuurd: ' + (r && r.id === p.round
    ? 'de stemming was al gesloten.' : 'de vraag is intussen veranderd.'));
}

// ---- answering

function current() {
  const r = round();
  if (!r) return null;
  if (pend && pend.round === r.id) return pend.text != null ? true : String(pend.choice);
  return mine && mine.round === r.id ? mine.choice : null;
}

function answer(p) {
  say('error', '');
  pend = p;
  p.sent = send(p);
  update();
}

function onAnswer(ev) {
  const b = ev.target.closest('[data-choice]'), r = round();
  if (!b || b.disabled || !r || r.phase !== 'open') return;
  const c = b.dataset.choice;
  if (c !== current() || pend) answer({ round: r.id, choice: r.question.type === 'schaal' ? Number(c) : c });
}

// ---- screens

function render() {
  if (!on || !st) return;
  const r = st.round, it = st.item || {}, se = st.session || {};
  $('session-title').textContent = se.title || 'Workshop';
  if (se.ended) return ended();
  const scr = !r || !r.question || (it.kind && it.kind !== 'kaart') ? 'wait' : r.phase === 'revealed' ? 'results' : 'question';
  const k = scr + JSON.stringify([r, it, scr === 'results' && [st.results, current()]]);
  if (k !== key) {
    key = k;
    if (scr === 'wait') buildWait(it);
    else if (scr === 'question') buildQuestion(r, it);
    else buildResults(r, st.results);
  }
  update();
  show(scr);
}

function buildWait(it) {
  $('item-pos').textContent = it.count ? 'Onderdeel ' + (it.index + 1) + ' van ' + it.count : '';
  $('item-title').textContent = it.title || '';
  $('item-situation').textContent = it.situation || '';
}

function buildQuestion(r, it) {
  const q = r.question, box = $('answers'), open = r.phase === 'open', sit = $('q-situation'), scale = q.type === 'schaal';
  $('q-item').textContent = it.title || '';
  $('q-attempt').hidden = r.attempt < 2;
  sit.hidden = !it.situation;
  sit.lastChild.textContent = it.situation || '';
  $('question-text').textContent = q.text;
  $('q-phase').textContent = r.phase === 'shown' ? 'De trainer opent zo de stemming' : r.phase === 'closed' ? 'De stemming is gesloten' : '';
  box.textContent = '';
  if (draftRound !== r.id) { draftRound = r.id; draft = sentText = ''; }
  if (q.type === 'open') return buildOpen(box, q, open);
  const values = scale ? [] : q.options || [];
  if (scale) for (let v = q.min; v <= q.max; v++) values.push(v);
  const list = el('div', scale ? (values.length > 7 ? 'scale many' : 'scale') : '');
  for (const o of values) {
    const b = el('button', scale ? '' : 'opt'), k = scale ? String(o) : o.key;
    b.type = 'button';
    b.disabled = !open;
    b.dataset.choice = k;
    if (!scale) b.append(el('span', 'key', k), el('span', 'txt', o.text));
    else {
      b.textContent = k;
      if (o === q.min || o === q.max) b.setAttribute('aria-label', k + ', ' + (o === q.min ? q.label_min : q.label_max));
    }
    list.append(b);
  }
  box.append(list);
  if (scale) {
    const ends = el('div', 'ends');
    ends.setAttribute('aria-hidden', 'true');
    ends.append(el('span', '', q.min + ' = ' + q.label_min), el('span', '', q.max + ' = ' + q.label_max));
    box.append(ends);
  }
}

function buildOpen(box, q, open) {
  const max = q.max_length || 280, area = el('textarea'), count = el('span'), btn = el('button', 'primary', 'Versturen');
  const lab = el('label', '', 'Jouw antwoord'), row = el('div', 'row'), hint = el('span', 'hint', 'Noem geen namen of andere persoonsgegevens.');
  lab.htmlFor = area.id = 'open-text';
  count.id = 'open-count'; hint.id = 'open-hint'; btn.id = 'open-send'; btn.type = 'button';
  area.maxLength = max; area.rows = 4; area.disabled = !open; area.value = draft;
  area.setAttribute('aria-describedby', 'open-hint open-count');
  const sync = () => {
    const v = area.value.trim();
    count.textContent = area.value.length + '/' + max;
    btn.disabled = !open || !v || v === sentText;
  };
  area.oninput = () => { draft = area.value; sync(); };
  btn.onclick = () => {
    const text = area.value.trim(), r = round();
    if (!text || !r || r.phase !== 'open') return;
    sentText = text; sync();
    answer({ round: r.id, text });
  };
  row.append(hint, count);
  box.append(lab, area, row, btn);
  sync();
}

function update() {
  const r = round(), ack = $('ack');
  if (!r || !r.question) return;
  const c = current(), p = pend && pend.round === r.id ? pend : null, open = r.question.type === 'open';
  for (const b of $('answers').querySelectorAll('[data-choice]')) {
    const yes = b.dataset.choice === c;
    b.classList.toggle('chosen', yes);
    b.setAttribute('aria-pressed', yes);
  }
  const what = open ? 'Je antwoord' : 'Je stem';
  let head = '', tail = '';
  if (p) head = p.sent ? what + ' wordt verstuurd…' : 'Nog niet verzonden — wordt verstuurd zodra er verbinding is';
  else if (c !== null) {
    head = what + ' is ontvangen';
    tail = open ? 'De trainer leest het eerst, voordat iemand het ziet.'
      : r.phase === 'open' ? 'Je kunt je keuze nog wijzigen zolang de vraag openstaat.' : '';
  }
  ack.textContent = '';
  ack.hidden = !head;
  ack.classList.toggle('queued', !!p && !p.sent);
  if (head) ack.append(el('strong', '', head), tail);
  $('q-count').textContent = r.phase !== 'shown' && st.joined
    ? st.voted + ' van ' + st.joined + ' deelnemers hebben ' + (open ? 'geantwoord' : 'gestemd') : '';
}

function buildResults(r, res) {
  const q = r.question, box = $('r-body'), mine = current(), pct = {}, names = {};
  $('r-question').textContent = q.text;
  $('r-attempt').hidden = r.attempt < 2;
  box.textContent = '';
  if (!res || res.withheld) {
    return box.append(el('p', 'note', res ? 'Te weinig stemmen om de uitslag anoniem te tonen.' : 'De uitslag staat op het scherm van de trainer.'));
  }
  for (const [k, p] of res.percentages || []) pct[k] = p;
  for (const o of q.options || []) names[o.key] = o.text;
  if (q.type === 'schaal') { names[q.min] = q.label_min; names[q.max] = q.label_max; }
  const counts = res.counts || [], total = res.total || 0;
  for (const [key, n] of counts) {
    const k = String(key), p = pct[k] || 0, row = el('div', 'result-row'), head = el('div', 'rhead'), txt = el('span', 'txt', names[k] || ''), bar = el('meter');
    row.dataset.key = k;
    if (k === mine) { row.classList.add('mine'); txt.append(el('span', 'you', 'jouw keuze')); }
    head.append(el('span', 'key', k), txt, el('span', 'pct', p + '%'), el('span', 'cnt', '(' + n + ')'));
    bar.min = 0; bar.max = 100; bar.value = p;
    bar.setAttribute('aria-hidden', 'true');
    row.append(head, bar);
    box.append(row);
  }
  let line = counts.length ? total + (total === 1 ? ' stem' : ' stemmen')
    : total + (total === 1 ? ' antwoord' : ' antwoorden') + '. De trainer bespreekt ze op het scherm.';
  if (res.median != null) line += ' · middelste waarde: ' + String(res.median).replace('.', ',');
  box.append(el('p', 'total', line));
}

const m = /^\/j\/([^/]+)/.exec(location.pathname);
if (m) { try { code = norm(decodeURIComponent(m[1])); } catch (e) { code = ''; } }
$('accept').onclick = () => { save(OK, '1'); begin(); };
$('code-form').onsubmit = onCode;
$('answers').onclick = onAnswer;
document.addEventListener('visibilitychange', () => { if (!document.hidden) now(); });
addEventListener('online', now);
if (load(OK)) begin(); else show('privacy');
