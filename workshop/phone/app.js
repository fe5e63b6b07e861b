// The phone page: join with a code, vote, see results.
// Texts from the server or other participants are only ever set with textContent, never
// parsed as HTML. The page's own texts come from the locale catalogue the hub filled in.

const STORAGE = { consent: 'workshop.akkoord', token: 'workshop.token', language: 'workshop.taal' };
// Six letters or digits; the hub maps a typed look-alike (O for D, V for U) onto the code.
const CODE_PATTERN = /^[A-Z0-9]{6}$/;
const RETRY_DELAYS = [500, 1000, 2000, 4000];

const page = JSON.parse(byId('texts').textContent);
let language = page.lang;
let texts = page.texts;

let code = '';
let active = false; // joined or joining; false on the privacy, code and end screens
let socket = null;
let joined = false;
let retries = 0;
let retryTimer = 0;
let statusKey = '';
let renderedKey = '';

let state = null; // the last state from the hub
let counted = null; // our answer the hub acknowledged: { round, choice }
let welcomeAnswer; // answer from the welcome, applied with the first state; undefined = none
let pending = null; // an answer not acknowledged yet (the message itself)
let pendingSent = false; // whether that answer went out on the current connection
let openRound = null; // the open question the text box belongs to
let sentText = '';
let zelftestItem = null; // the zelftest item whose module is running
let timerTick = 0; // the item's countdown between states

// ---- small helpers

function byId(id) {
  return document.getElementById(id);
}

// localStorage may be blocked: the page then works without memory.
function load(key) {
  try {
    return localStorage.getItem(key);
  } catch (error) {
    return null;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (error) {
    // nothing to remember with
  }
}

function tr(key, values = {}) {
  const template = texts[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function setText(id, text) {
  byId(id).textContent = text || '';
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text != null) made.textContent = text;
  return made;
}

function showSection(id) {
  for (const section of document.querySelectorAll('section')) section.hidden = section.id !== id;
}

function showError(text) {
  setText('error', text);
  byId('error').hidden = !text;
}

function setStatus(key, lost) {
  statusKey = key;
  setText('status', key && tr(key));
  byId('status').className = lost ? 'lost' : '';
}

function currentRound() {
  return state && state.round;
}

// ---- language: the session's, or the one chosen on this phone

function applyTexts() {
  document.documentElement.lang = language;
  document.title = tr('title');
  for (const labelled of document.querySelectorAll('[data-t]')) {
    labelled.textContent = tr(labelled.dataset.t);
  }
  setStatus(statusKey, byId('status').className === 'lost');
  renderedKey = ''; // rebuild the screen in the new language
  if (state) render();
}

async function useLanguage(wanted) {
  if (!page.languages.includes(wanted)) return;
  if (wanted === page.lang) {
    texts = page.texts;
  } else {
    try {
      const answer = await fetch('/t/' + wanted + '.json');
      texts = (await answer.json()).texts;
    } catch (error) {
      return; // keep the language we have
    }
  }
  language = wanted;
  applyTexts();
}

function switchLanguage() {
  const next = page.languages[(page.languages.indexOf(language) + 1) % page.languages.length];
  save(STORAGE.language, next);
  useLanguage(next);
}

// ---- the join code

function normaliseCode(typed) {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

function begin() {
  if (CODE_PATTERN.test(code)) {
    active = true;
    showSection('welcome');
    connect();
  } else {
    askCode(code && tr('code.wrong'));
  }
}

function askCode(message) {
  stop();
  showSection('code');
  showError(message);
  byId('code-input').value = code;
  byId('code-input').focus();
}

function stop() {
  active = false;
  joined = false;
  clearTimeout(retryTimer);
  if (socket) socket.close();
  socket = null;
  setStatus('');
}

// ---- the connection: join, reconnect after 0.5, 1, 2, 4 s, and a queued answer

function connecting() {
  return socket && socket.readyState < WebSocket.CLOSING;
}

function connect() {
  if (!active || connecting()) return;
  setStatus(retries ? 'status.lost' : 'status.connecting', retries > 0);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(scheme + '//' + location.host + '/ws');
  socket = ws;
  ws.onopen = () => {
    ws.send(JSON.stringify({ type: 'join', code, token: load(STORAGE.token) || undefined }));
  };
  ws.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    if (ws === socket && message) handle(message);
  };
  ws.onclose = () => {
    if (ws !== socket) return;
    socket = null;
    joined = false;
    pendingSent = false; // not acknowledged: send it again once back
    setStatus('status.lost', true);
    retryTimer = setTimeout(connect, RETRY_DELAYS[Math.min(retries++, RETRY_DELAYS.length - 1)]);
    updateAnswer();
  };
}

function reconnectNow() {
  if (active && !connecting()) {
    retries = 0;
    connect();
  }
}

function sendPending() {
  pendingSent = joined && socket.readyState === WebSocket.OPEN;
  if (pendingSent) socket.send(JSON.stringify(pending));
}

function answer(message) {
  showError('');
  pending = message;
  sendPending();
  updateAnswer();
}

function handle(message) {
  if (message.type === 'welcome') {
    joined = true;
    retries = 0;
    setStatus('status.connected');
    if (message.token) save(STORAGE.token, message.token);
    welcomeAnswer = message.answer == null ? null : String(message.answer);
  } else if (message.type === 'state') {
    const round = currentRound();
    if (round && (!message.round || message.round.id !== round.id)) showError('');
    state = message;
    showTimer(message.session && message.session.ended ? null : message.timer);
    if (welcomeAnswer !== undefined) {
      // The first state after (re)joining: what the hub has counted for us, then the queue.
      // A counted answer the hub no longer has, in a round it reopened after a stop, was
      // lost: say so and ask again, rather than keep showing it as received.
      const lost = counted && message.round && message.round.reopened
        && message.round.phase === 'open' && counted.round === message.round.id
        && welcomeAnswer === null;
      counted = message.round && welcomeAnswer !== null
        ? { round: message.round.id, choice: welcomeAnswer }
        : null;
      welcomeAnswer = undefined;
      flushPending();
      if (lost) showError(tr('vote.lost'));
    }
    render();
  } else if (message.type === 'ack') {
    const choice = message.text || String(message.choice);
    const same = pending && pending.round === message.round
      && (pending.text ? message.text : String(pending.choice) === choice);
    if (same) pending = null;
    counted = { round: message.round, choice };
    updateAnswer();
  } else if (message.type === 'error') {
    if (!joined) {
      if (message.code === 'session_ended') showEnded();
      else askCode(message.message);
      return;
    }
    showError(message.message);
    if (pendingSent) pending = null;
    updateAnswer();
  }
}

// A queued answer goes out only if its question is still open.
function flushPending() {
  const round = currentRound();
  if (!pending || pendingSent) return;
  if (round && round.id === pending.round && round.phase === 'open') {
    sendPending();
    return;
  }
  pending = null;
  showError(tr('vote.not_sent'));
}

// The option keys of a meerkeuze answer (an array from the hub, "A,C" while being sent).
function picked(answer) {
  if (Array.isArray(answer)) return answer;
  return typeof answer === 'string' ? answer.split(',').filter(Boolean) : [];
}

// Our answer to the current round: queued, counted, or none.
function currentAnswer() {
  const round = currentRound() || {};
  if (pending && pending.round === round.id) return pending.text ? true : String(pending.choice);
  return counted && counted.round === round.id ? counted.choice : null;
}

// ---- the item's timer: each state says what is left; it counts down here and stops at 0

function showTimer(timer) {
  clearInterval(timerTick);
  byId('timer').hidden = !timer;
  if (!timer) return;
  const end = Date.now() + timer.left * 1000;
  const tick = () => {
    const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    setText('timer', Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0'));
    if (!left) clearInterval(timerTick);
  };
  tick();
  if (timer.running) timerTick = setInterval(tick, 250);
}

// ---- screens

function showEnded() {
  stop();
  const agenda = (state && state.agenda) || [];
  const list = byId('agenda-list');
  list.textContent = '';
  for (const entry of agenda) list.append(element('li', '', entry));
  byId('agenda').hidden = agenda.length === 0;
  showSection('ended');
}

function render() {
  if (!active) return;
  const round = state.round;
  const item = state.item || {};
  const session = state.session || {};
  setText('session-title', session.title);
  if (session.ended) {
    showEnded();
    return;
  }
  // A zelftest is answered on the phone alone: its own module, loaded only now.
  if (item.kind === 'zelftest' && session.started !== false) {
    if (zelftestItem !== item.index) {
      zelftestItem = item.index;
      import('/zelftest.js').then((module) =>
        module.start(document.querySelector('main'), () => socket.send('{"type":"klaar"}')),
      );
    }
    showSection('zelftest');
    return;
  }
  let screen = round && round.phase === 'revealed' ? 'results' : 'question';
  if (!round || !round.question || !['kaart', 'agenda'].includes(item.kind)) screen = 'wait';
  if (session.started === false) screen = 'welcome';
  const shown = screen === 'results' ? [state.results, state.texts] : null;
  const key = screen + JSON.stringify([round, item, shown]);
  if (key !== renderedKey) {
    renderedKey = key;
    if (screen === 'question') buildQuestion(round, item);
    else if (screen === 'results') buildResults(round, state.results, state.texts || []);
    else if (screen === 'wait') {
      setText('item-title', item.title);
      setText('item-situation', item.situation);
    }
  }
  updateAnswer();
  showSection(screen);
}

function buildQuestion(round, item) {
  const question = round.question;
  const box = byId('answers');
  const open = round.phase === 'open';
  const scale = question.type === 'schaal';
  const multi = question.type === 'meerkeuze';
  setText('q-item', item.title);
  byId('q-attempt').hidden = round.attempt < 2 || item.kind === 'agenda'; // its 2nd round is the choice
  byId('q-situation').hidden = !item.situation;
  byId('q-situation').open = round.phase === 'shown'; // folded away once voting opens
  setText('q-sit', item.situation);
  setText('question-text', question.text);
  const phase = { shown: 'phase.shown', closed: 'phase.closed' }[round.phase];
  setText('q-phase', phase && tr(phase));
  box.textContent = '';
  byId('open').hidden = question.type !== 'open';
  if (question.type === 'open') {
    const area = byId('open-text');
    if (openRound !== round.id) {
      openRound = round.id;
      area.value = sentText = '';
    }
    area.maxLength = question.max_length || 280;
    area.disabled = !open;
    syncOpenText();
    return;
  }
  if (multi) box.append(element('p', 'hint', tr('multi.most', { n: question.max_choices })));
  const list = element('div', scale ? 'scale' : '');
  const choices = scale ? [] : question.options;
  for (let value = question.min; scale && value <= question.max; value++) {
    choices.push({ key: String(value) });
  }
  for (const choice of choices) {
    const button = element('button', scale ? '' : 'opt', scale ? choice.key : null);
    button.type = 'button';
    button.disabled = !open;
    button.dataset.choice = choice.key;
    if (multi) button.setAttribute('role', 'checkbox');
    if (!scale) button.append(element('span', 'key', choice.key), element('span', 'txt', choice.text));
    list.append(button);
  }
  box.append(list);
  if (scale) {
    const ends = element('div', 'ends');
    ends.append(
      element('span', '', question.min + ' = ' + question.label_min),
      element('span', '', question.max + ' = ' + question.label_max),
    );
    box.append(ends);
  }
}

function syncOpenText() {
  const area = byId('open-text');
  const text = area.value.trim();
  setText('open-count', area.value.length + '/' + area.maxLength);
  byId('open-send').disabled = area.disabled || !text || text === sentText;
}

// The chosen button and the line under the question: sending, queued, or received.
function updateAnswer() {
  const round = currentRound();
  const ack = byId('ack');
  if (!round || !round.question) return;
  const chosen = currentAnswer();
  const queued = pending && pending.round === round.id;
  const isText = round.question.type === 'open';
  const multi = round.question.type === 'meerkeuze';
  for (const button of byId('answers').querySelectorAll('[data-choice]')) {
    const on = multi ? picked(chosen).includes(button.dataset.choice) : button.dataset.choice === chosen;
    button.classList.toggle('chosen', on);
    button.setAttribute(multi ? 'aria-checked' : 'aria-pressed', on);
  }
  let head = '';
  let tail = '';
  if (queued) {
    head = pendingSent ? tr(isText ? 'ack.text_sending' : 'ack.vote_sending') : tr('ack.queued');
  } else if (chosen) {
    head = tr(isText ? 'ack.text' : 'ack.vote');
    if (chosen === true) tail = tr('ack.text_read_first');
    else if (round.phase === 'open') tail = tr('ack.can_change');
  }
  ack.textContent = '';
  ack.hidden = !head;
  ack.className = queued && !pendingSent ? 'queued' : '';
  ack.append(element('strong', '', head), tail);
}

function buildResults(round, results, approvedTexts) {
  const question = round.question;
  const box = byId('r-body');
  const percentages = {};
  const names = { [question.min]: question.label_min, [question.max]: question.label_max };
  setText('r-question', question.text);
  byId('r-attempt').hidden = round.attempt < 2;
  box.textContent = '';
  if (!results || results.withheld) {
    const note = results ? 'results.withheld' : 'results.elsewhere';
    box.append(element('p', 'note', tr(note)));
  } else {
    for (const [key, percentage] of results.percentages || []) percentages[key] = percentage;
    for (const option of question.options || []) names[option.key] = option.text;
    const counts = results.counts || [];
    const total = results.total || 0;
    for (const [key, count] of counts) {
      const row = element('div', 'result-row');
      const head = element('div', 'rhead');
      const bar = element('meter');
      const percentage = percentages[key] || 0;
      row.dataset.key = key;
      // meerkeuze: an option picked by fewer than k is ranked without a number
      if (count === null) {
        row.append(element('span', 'key', key), names[key], element('p', 'note', tr('results.below_k')));
        box.append(row);
        continue;
      }
      head.append(
        element('span', 'key', key),
        element('span', 'txt', names[key]),
        element('span', 'pct', percentage + '%'),
        element('span', 'cnt', '(' + count + ')'),
      );
      bar.max = 100;
      bar.value = percentage;
      row.append(head, bar);
      box.append(row);
    }
    const noun = counts.length ? 'results.vote' : 'results.answer';
    let line = tr(total === 1 ? noun : noun + 's', { n: total });
    if (results.median != null) {
      line += ' · ' + tr('results.median', { median: results.median.toLocaleString(language) });
    }
    box.append(element('p', 'total', line));
  }
  if (approvedTexts.length) {
    const list = element('ul', 'texts');
    for (const text of approvedTexts) list.append(element('li', '', text));
    box.append(element('h2', '', tr('results.texts')), list);
  }
}

// ---- start

const joinPath = /^\/j\/(\w+)/.exec(location.pathname);
if (joinPath) code = normaliseCode(joinPath[1]);
byId('language').onclick = switchLanguage;
byId('accept').onclick = () => {
  save(STORAGE.consent, '1');
  begin();
};
byId('code-form').onsubmit = (event) => {
  event.preventDefault();
  code = normaliseCode(byId('code-input').value);
  if (!CODE_PATTERN.test(code)) {
    showError(tr('code.wrong'));
    return;
  }
  showError('');
  retries = 0;
  history.replaceState(null, '', '/j/' + code);
  begin();
};
byId('open-text').oninput = syncOpenText;
byId('open-send').onclick = () => {
  sentText = byId('open-text').value.trim();
  syncOpenText();
  answer({ type: 'text', round: openRound, text: sentText });
};
byId('answers').onclick = (event) => {
  const button = event.target.closest('[data-choice]');
  const round = currentRound();
  const choice = button && button.dataset.choice;
  if (choice && !button.disabled && round.phase === 'open' && round.question.type === 'meerkeuze') {
    const now = picked(currentAnswer());
    const next = now.includes(choice) ? now.filter((key) => key !== choice) : [...now, choice];
    if (next.length && next.length <= round.question.max_choices) {
      answer({ type: 'vote', round: round.id, choice: next });
    }
    return;
  }
  if (choice && !button.disabled && round.phase === 'open' && (choice !== currentAnswer() || pending)) {
    const value = round.question.type === 'schaal' ? Number(choice) : choice;
    answer({ type: 'vote', round: round.id, choice: value });
  }
};
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) reconnectNow();
});
addEventListener('online', reconnectNow);

const chosenLanguage = load(STORAGE.language);
if (chosenLanguage && chosenLanguage !== language) await useLanguage(chosenLanguage);
applyTexts();
if (load(STORAGE.consent)) begin();
else showSection('privacy');
