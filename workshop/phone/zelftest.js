// The zelftest: statements answered on this phone only. The answers live in this module's
// memory and are never sent, stored or put in the address; when the person is done, the page
// tells the hub "klaar" (a frame without content), so the room sees how many finished.
// Loaded only while a zelftest item is on, so the phone page itself stays small.
// Every text is set with textContent: statements and reflections are data, never markup.

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

// The answers a statement offers: its options, or every value of its scale (labels at the
// ends); the reflection of answer i is reflections[i].
function choices(question) {
  if (question.type !== 'schaal') return question.options.map((option) => option.text);
  const values = [];
  for (let value = question.min; value <= question.max; value++) {
    let label = String(value);
    if (value === question.min) label += ' ' + question.label_min;
    if (value === question.max) label += ' ' + question.label_max;
    values.push(label);
  }
  return values;
}

export async function start(main, done) {
  const response = await fetch('/zelftest.json');
  const data = await response.json();
  const texts = data.texts;
  const statements = data.themes.flatMap((theme) =>
    theme.statements.map((statement) => ({ ...statement, theme: theme.name })),
  );
  const answers = new Map(); // statement id -> answer index, in memory only
  let section = document.getElementById('zelftest');
  if (!section) {
    section = element('section');
    section.id = 'zelftest';
    main.append(section);
  }
  section.hidden = false;

  function screen(...nodes) {
    section.textContent = '';
    section.append(...nodes);
    scrollTo(0, 0);
  }

  function intro() {
    const begin = element('button', 'primary', texts.start);
    begin.id = 'zelftest-start';
    begin.onclick = () => ask(0);
    const promise = element('p', 'private', texts.private);
    promise.id = 'zelftest-private';
    screen(
      element('h1', '', texts.title),
      promise,
      element('p', '', fill(texts.how, { n: statements.length })),
      begin,
    );
  }

  function ask(index) {
    if (index === statements.length) {
      reflect();
      return;
    }
    const statement = statements[index];
    const list = element('div', 'zelftest-answers');
    choices(statement.question).forEach((label, answer) => {
      const button = element('button', 'opt', null);
      button.type = 'button';
      button.dataset.answer = String(answer);
      button.append(element('span', 'txt', label));
      button.onclick = () => {
        answers.set(statement.id, answer);
        ask(index + 1);
      };
      list.append(button);
    });
    const progress = { n: index + 1, count: statements.length, theme: statement.theme };
    const text = element('h2', '', statement.text);
    text.id = 'zelftest-statement';
    screen(
      element('p', 'hint', fill(texts.progress, progress)),
      text,
      element('p', '', statement.question.text),
      list,
    );
  }

  function reflect() {
    const nodes = [element('h1', '', texts.summary), element('p', '', texts.talk)];
    let theme = '';
    for (const statement of statements) {
      if (!answers.has(statement.id)) continue;
      if (statement.theme !== theme) {
        theme = statement.theme;
        nodes.push(element('h2', '', theme));
      }
      const answer = answers.get(statement.id);
      const item = element('div', 'reflection');
      item.append(
        element('p', '', statement.text),
        element('p', 'hint', fill(texts.your_answer, { answer: choices(statement.question)[answer] })),
        element('p', 'note', statement.reflections[answer]),
      );
      nodes.push(item);
    }
    const save = element('button', 'primary', texts.save);
    save.id = 'zelftest-save';
    save.onclick = () => print();
    nodes.push(save, element('p', 'hint', texts.save_hint), element('p', '', texts.done));
    screen(...nodes);
    done();
  }

  intro();
}
