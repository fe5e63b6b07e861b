// Phone page. Server texts are only ever set with textContent, never parsed as HTML.
const OK = 'workshop.akkoord', TOKEN = 'workshop.token', CODE = /^[A-HJKMNP-Z2-9]{6}$/;
const LOST = 'Verbinding kwijt, opnieuw verbinden…', BAD = 'Deze code klopt niet. Kijk nog eens op het scherm.';
let code = '', on = false, ws = null, joined = false, tries = 0, timer = 0, key = '';
let st = null, mine = null, wa; // last state; counted answer {round, choice}; answer from the welcome
let pend = null, sent = false; // answer not acked yet (the frame itself), and whether it went out
let openRound = null, sentText = '';
const $ = id => document.getElementById(id);
// localStorage may be blocked: then it works without memory
const load = k => { try { return localStorage[k]; } catch (e) {} };
const save = (k, v) => { try { localStorage[k] = v; } catch (e) {} };
const round = () => st && st.round;
const text = (id, t) => { $(id).textContent = t || ''; };
const show = id => { for (const s of document.querySelectorAll('section')) s.hidden = s.id !== id; };
const say = t => { text('error', t); $('error').hidden = !t; };
const status = (t, lost) => { text('status', t); $('status').className = lost ? 'lost' : ''; };
function el(tag, cls, t) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (t != null) e.textContent = t;
  return e;
}
function begin() {
  if (CODE.test(code)) { on = true; show('wait'); connect(); } else askCode(code && BAD);
}
function askCode(msg) {
  stop(); show('code'); say(msg);
  $('code-input').value = code;
  $('code-input').focus();
}
function stop() { on = joined = false; clearTimeout(timer); if (ws) ws.close(); ws = null; status(''); }
// ---- connection: join, reconnect (0.5, 1, 2, 4 s), queue
const busy = () => ws && ws.readyState < 2;
function connect() {
  if (!on || busy()) return;
  status(tries ? LOST : 'Verbinden…', tries);
  const w = ws = new WebSocket('ws' + location.protocol.slice(4) + '//' + location.host + '/ws'); // ws: or wss:
  w.onopen = () => w.send(JSON.stringify({ type: 'join', code, token: load(TOKEN) || undefined }));
  w.onmessage = ev => {
    let m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    if (w === ws && m) handle(m);
  };
  w.onclose = () => {
    if (w !== ws) return;
    ws = null; joined = false;
    sent = false; // not acked: send again once back
    status(LOST, 1);
    timer = setTimeout(connect, [500, 1000, 2000, 4000][Math.min(tries++, 3)]);
    update();
  };
}
function now() { if (on && !busy()) { tries = 0; connect(); } }
function send() {
  sent = joined && ws.readyState === 1;
  if (sent) ws.send(JSON.stringify(pend));
}
function answer(p) { say(''); pend = p; send(); update(); }
function handle(m) {
  const r = round();
  if (m.type === 'welcome') {
    joined = true; tries = 0; status('Verbonden');
    if (m.token) save(TOKEN, m.token);
    wa = m.answer == null ? null : String(m.answer);
  } else if (m.type === 'state') {
    if (r && (!m.round || m.round.id !== r.id)) say('');
    st = m;
    if (wa !== undefined) { // first state after (re)joining
      mine = m.round && wa !== null ? { round: m.round.id, choice: wa } : null;
      wa = undefined;
      flush();
    }
    render();
  } else if (m.type === 'ack') {
    const choice = m.text || String(m.choice);
    if (pend && pend.round === m.round && (pend.text ? m.text : String(pend.choice) === choice)) pend = null;
    mine = { round: m.round, choice };
    update();
  } else if (m.type === 'error') {
    if (!joined) return m.code === 'session_ended' ? ended() : askCode(m.message);
    say(m.message);
    if (sent) pend = null;
    update();
  }
}
// A queued answer goes out only if its question is still open.
function flush() {
  const r = round();
  if (!pend || sent) return;
  if (r && r.id === pend.round && r.phase === 'open') return send();
  pend = null;
  say('Je stem is niet verstuurd: de vraag is intussen veranderd of gesloten.');
}
function current() {
  const r = round() || {};
  if (pend && pend.round === r.id) return pend.text ? true : String(pend.choice);
  return mine && mine.round === r.id ? mine.choice : null;
}
// ---- screens
function ended() { stop(); show('ended'); }
function render() {
  if (!on) return;
  const r = st.round, it = st.item || {}, se = st.session || {};
  text('session-title', se.title);
  if (se.ended) return ended();
  const scr = !r || !r.question || it.kind !== 'kaart' ? 'wait' : r.phase === 'revealed' ? 'results' : 'question';
  const k = scr + JSON.stringify([r, it, scr === 'results' && st.results]);
  if (k !== key) {
    key = k;
    if (scr === 'question') buildQuestion(r, it);
    else if (scr === 'results') buildResults(r.question, st.results, r.attempt);
    else {
      text('item-title', it.title);
      text('item-situation', it.situation);
    }
  }
  update();
  show(scr);
}
function buildQuestion(r, it) {
  const q = r.question, box = $('answers'), open = r.phase === 'open', scale = q.type === 'schaal';
  text('q-item', it.title);
  $('q-attempt').hidden = r.attempt < 2;
  $('q-situation').hidden = !it.situation;
  $('q-situation').open = r.phase === 'shown'; // fold away once voting opens
  text('q-sit', it.situation);
  text('question-text', q.text);
  text('q-phase', r.phase === 'shown' ? 'De trainer opent zo de stemming' : r.phase === 'closed' && 'De stemming is gesloten');
  box.textContent = '';
  $('open').hidden = q.type !== 'open';
  if (q.type === 'open') {
    const a = $('open-text');
    if (openRound !== r.id) { openRound = r.id; a.value = sentText = ''; }
    a.maxLength = q.max_length || 280;
    a.disabled = !open;
    return sync();
  }
  const list = el('div', scale ? 'scale' : '');
  const values = scale ? [] : q.options;
  for (let v = q.min; scale && v <= q.max; v++) values.push({ key: String(v) });
  for (const o of values) {
    const b = el('button', scale ? '' : 'opt', scale ? o.key : null);
    b.type = 'button';
    b.disabled = !open;
    b.dataset.choice = o.key;
    if (!scale) b.append(el('span', 'key', o.key), el('span', 'txt', o.text));
    list.append(b);
  }
  box.append(list);
  if (scale) {
    const ends = el('div', 'ends');
    ends.append(el('span', '', q.min + ' = ' + q.label_min), el('span', '', q.max + ' = ' + q.label_max));
    box.append(ends);
  }
}
function sync() {
  const a = $('open-text'), v = a.value.trim();
  text('open-count', a.value.length + '/' + a.maxLength);
  $('open-send').disabled = a.disabled || !v || v === sentText;
}
function update() {
  const r = round(), ack = $('ack');
  if (!r || !r.question) return;
  const c = current(), p = pend && pend.round === r.id && pend, what = r.question.type === 'open' ? 'Je antwoord' : 'Je stem';
  for (const b of $('answers').querySelectorAll('[data-choice]')) {
    b.classList.toggle('chosen', b.dataset.choice === c);
    b.setAttribute('aria-pressed', b.dataset.choice === c);
  }
  let head = '', tail = '';
  if (p) head = sent ? what + ' wordt verstuurd…' : 'Nog niet verzonden — wordt verstuurd zodra er verbinding is';
  else if (c) {
    head = what + ' is ontvangen';
    tail = c === true ? 'De trainer leest het eerst.' : r.phase === 'open' ? 'Je kunt je keuze nog wijzigen zolang de vraag openstaat.' : '';
  }
  ack.textContent = '';
  ack.hidden = !head;
  ack.className = p && !sent ? 'queued' : '';
  ack.append(el('strong', '', head), tail);
}
function buildResults(q, res, attempt) {
  const box = $('r-body'), pct = {}, names = { [q.min]: q.label_min, [q.max]: q.label_max };
  text('r-question', q.text);
  $('r-attempt').hidden = attempt < 2;
  box.textContent = '';
  if (!res || res.withheld) {
    return box.append(el('p', 'note', res ? 'Te weinig stemmen om de uitslag anoniem te tonen.' : 'De uitslag staat op het scherm van de trainer.'));
  }
  for (const [k, p] of res.percentages || []) pct[k] = p;
  for (const o of q.options || []) names[o.key] = o.text;
  const counts = res.counts || [], n = res.total || 0;
  for (const [k, count] of counts) {
    const row = el('div', 'result-row'), head = el('div', 'rhead'), bar = el('meter'), v = pct[k] || 0;
    row.dataset.key = k;
    head.append(el('span', 'key', k), el('span', 'txt', names[k]), el('span', 'pct', v + '%'), el('span', 'cnt', '(' + count + ')'));
    bar.max = 100;
    bar.value = v;
    row.append(head, bar);
    box.append(row);
  }
  let line = counts.length ? n + (n === 1 ? ' stem' : ' stemmen') : n + ' antwoorden';
  if (res.median != null) line += ' · middelste waarde: ' + String(res.median).replace('.', ',');
  box.append(el('p', 'total', line));
}
// ---- start
const m = /^\/j\/(\w+)/.exec(location.pathname);
if (m) code = m[1].toUpperCase();
$('accept').onclick = () => { save(OK, '1'); begin(); };
$('code-form').onsubmit = ev => {
  ev.preventDefault();
  code = $('code-input').value.replace(/[\s-]/g, '').toUpperCase();
  if (!CODE.test(code)) return say(BAD);
  say('');
  tries = 0;
  history.replaceState(null, '', '/j/' + code);
  begin();
};
$('open-text').oninput = sync;
$('open-send').onclick = () => {
  sentText = $('open-text').value.trim();
  sync();
  answer({ type: 'text', round: openRound, text: sentText });
};
$('answers').onclick = ev => {
  const b = ev.target.closest('[data-choice]'), r = round(), c = b && b.dataset.choice;
  if (c && !b.disabled && r.phase === 'open' && (c !== current() || pend)) {
    answer({ type: 'vote', round: r.id, choice: r.question.type === 'schaal' ? +c : c });
  }
};
document.addEventListener('visibilitychange', () => { if (!document.hidden) now(); });
addEventListener('online', now);
if (load(OK)) begin(); else show('privacy');
