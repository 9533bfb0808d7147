import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnnotatedDocument, Quote } from '../../src/document.js';
import { analyze } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';

function run(content: string): AnnotatedDocument {
  return analyze(
    { id: 't', origin: 'test', url: null, format: 'text', content, published: null, title: null },
    { now: new Date('2024-06-21T00:00:00Z') },
  );
}

const speech = (d: AnnotatedDocument) =>
  d.quotes.filter((q) => (q as Quote & { speech?: boolean }).speech !== false);
const speaker = (q: Quote) => q.speaker?.text ?? null;
const content = (q: Quote) => q.text.replace(/^[\s"“”,.]+|[\s"“”,.]+$/g, '');

describe('quotes: the seed article', () => {
  const doc = run(fixture('seed-article.txt'));
  const lobov = doc.entities.find((e) => e.name === 'Roman Lobov');
  const top = doc.quotes.filter((q) => !q.parent);

  test('Roman Lobov is an entity', () => {
    assert.ok(lobov, 'entity "Roman Lobov"');
  });

  test('exactly his ten quotations, every one attributed to him', () => {
    assert.equal(top.length, 10, top.map((q) => q.text.slice(0, 40)).join('\n'));
    for (const q of top) assert.equal(q.speaker?.entity, lobov?.id, `speaker of ${q.text.slice(0, 50)}`);
    const nested = doc.quotes.filter((q) => q.parent);
    assert.ok(nested.length <= 1);
    for (const q of nested) {
      assert.match(q.speaker?.text ?? '', /Kim/);
      const parent = doc.quotes.find((p) => p.id === q.parent);
      assert.ok(parent && parent.start <= q.start && q.end <= parent.end, 'nested inside its parent');
      const kim = doc.entities.find((e) => e.id === q.speaker?.entity);
      if (kim) assert.equal(kim.name, 'Kim Jong Un');
    }
  });

  test('kinds: four direct, two mixed, four indirect', () => {
    const count = (k: string) => top.filter((q) => q.kind === k).length;
    assert.deepEqual([count('direct'), count('mixed'), count('indirect')], [4, 2, 4]);
    const cueOf = (re: RegExp) => top.find((q) => re.test(q.text));
    assert.equal(cueOf(/^that the documents that were signed/)?.kind, 'mixed');
    assert.equal(cueOf(/^that the documents that were signed/)?.cue?.text, 'stressed');
    assert.equal(cueOf(/^Western countries and some of their Asian allies/)?.kind, 'mixed');
    assert.equal(cueOf(/^The treaty on comprehensive strategic partnership inked/)?.cue?.text, 'told');
    assert.equal(
      cueOf(/^The treaty on comprehensive strategic partnership inked/)?.speaker?.text,
      'a Russian analyst',
    );
    assert.equal(cueOf(/^the agreement came as a response/)?.cue?.text, 'According to');
    assert.equal(cueOf(/^Although Russia’s approach/)?.cue?.text, 'added');
    assert.equal(cueOf(/^that special attention during the visit/)?.speaker?.text, 'Lobov');
  });

  test('quote offsets index the text', () => {
    for (const q of doc.quotes) {
      assert.equal(doc.text.slice(q.start, q.end), q.text);
      if (q.speaker) assert.equal(doc.text.slice(q.speaker.start, q.speaker.end), q.speaker.text);
      if (q.cue) assert.equal(doc.text.slice(q.cue.start, q.cue.end), q.cue.text);
    }
  });

  test('the song title is not a quote', () => {
    assert.ok(!doc.quotes.some((q) => q.text.startsWith('Wide Is My Motherland')));
  });

  test('his entity carries the affiliation (from the entity layer)', () => {
    assert.equal(lobov?.attributes.affiliation, 'Russian Institute for Strategic Studies');
  });
});

describe('quotes: direct', () => {
  test('"…," said X, with an appositive', () => {
    const d = run('The vote is close.\n\n"We will win this vote," said Jane Doe, a senator from Ohio.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].kind, 'direct');
    assert.equal(content(q[0]), 'We will win this vote');
    assert.equal(q[0].cue?.text, 'said');
    assert.match(speaker(q[0]) ?? '', /^Jane Doe/);
  });

  test('a quotation split around its cue is one quote in fragments', () => {
    const d = run('“This is wrong,” the mayor said, “and we will fight it in court.”\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].fragments?.length, 2);
    assert.equal(q[0].fragments?.[1].text, '“and we will fight it in court.”');
    assert.equal(speaker(q[0]), 'the mayor');
  });

  test('X told reporters: "…"', () => {
    const d = run('The minister told reporters: "We are ready to sign the agreement."\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].kind, 'direct');
    assert.equal(q[0].cue?.text, 'told');
    assert.equal(speaker(q[0]), 'The minister');
  });

  test('a quotation over several paragraphs where only the last closes', () => {
    const d = run(
      'The spokesman said: "The first part of the plan is ready.\n\n"The second part will follow in the spring, when the weather allows."\n\nThe talks end on Friday.\n',
    );
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.ok(q[0].text.includes('first part') && q[0].text.includes('second part'));
  });

  test('a paragraph of pure quotation continues the quote before it', () => {
    const d = run(
      '"We will not give up," Smith said.\n\n"Our people have waited for this agreement for thirty years and they will wait no longer."\n',
    );
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].fragments?.length, 2);
  });

  test('straight and converted marks', () => {
    const d = run("``The economy is growing faster than we expected,'' the economist said.\n");
    assert.equal(speech(d).length, 1);
    assert.equal(speaker(speech(d)[0]), 'the economist');
  });
});

describe('quotes: indirect and mixed', () => {
  test('X, a doctor, said (that) …', () => {
    const d = run('Hugh Hill, a doctor at the clinic, said the hospital was full.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].kind, 'indirect');
    assert.equal(content(q[0]), 'the hospital was full');
    assert.match(speaker(q[0]) ?? '', /^Hugh Hill/);
  });

  test('said that … keeps "that" in the content span (as PolNeAR marks it)', () => {
    const d = run('The ministry said on Tuesday that the talks would resume in May.\n');
    const q = speech(d);
    assert.equal(content(q[0]), 'that the talks would resume in May');
    assert.equal(speaker(q[0]), 'The ministry');
  });

  test('…, officials said.', () => {
    const d = run('The plan will fail without more money, officials said.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(content(q[0]), 'The plan will fail without more money');
    assert.equal(speaker(q[0]), 'officials');
  });

  test('according to X, …', () => {
    const d = run('According to the ministry, the talks will resume in May.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(content(q[0]), 'the talks will resume in May');
    assert.equal(speaker(q[0]), 'the ministry');
  });

  test('a partial quotation inside reported speech is mixed', () => {
    const d = run('She warned that the deal was "a recipe for disaster" for farmers.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].kind, 'mixed');
    assert.equal(speaker(q[0]), 'She');
  });

  test('"…, adding that …" is a second quote of the same speaker', () => {
    const d = run('The senator said the bill was unfair, adding that she would vote against it.\n');
    const q = speech(d);
    assert.equal(q.length, 2);
    assert.equal(speaker(q[1]), speaker(q[0]));
    assert.equal(content(q[1]), 'that she would vote against it');
  });

  test('a headline "Speaker: claim"', () => {
    const d = run(
      'Lavrov: Sanctions Will Not Change Our Course.\n\nMOSCOW, June 2. The foreign minister spoke on Monday.\n',
    );
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(speaker(q[0]), 'Lavrov');
  });
});

describe('quotes: wider reporting', () => {
  test('a bare object after a named speaker ("acknowledged the deficit")', () => {
    const d = run('Governor Mary Jones acknowledged the deep deficit in the state budget on Monday.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.match(content(q[0]), /^the deep deficit in the state budget/);
    assert.equal(speaker(q[0]), 'Mary Jones');
  });

  test('"As X reported, …": the main clause is the content', () => {
    const d = run('As the Daily Ledger reported, the mayor will not seek a third term.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(content(q[0]), 'the mayor will not seek a third term');
  });

  test('"X called him a Y" without quotation marks', () => {
    const d = run('At the rally, Senator Tom Reed called him a reckless opportunist.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(content(q[0]), 'him a reckless opportunist');
  });

  test('a coordinated verb of saying starts a content of its own', () => {
    const d = run('Mayor Ann Lee said she respects the council and added that the vote was a mistake.\n');
    const q = speech(d);
    assert.equal(q.length, 2, q.map((x) => x.text).join(' | '));
    assert.equal(content(q[0]), 'she respects the council');
    assert.equal(content(q[1]), 'that the vote was a mistake');
  });

  test('a quotation that stands as a sentence without a cue is still a quote', () => {
    const d = run(
      'Rita Moss runs the shelter downtown.\n\nThe city cut its grant last spring.\n\n“We will keep the doors open as long as we can.”\n',
    );
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(q[0].kind, 'direct');
    assert.equal(q[0].cue, null);
  });

  test('a short title before the speaker leaves the cue to its content', () => {
    const d = run('Sunday on the radio show “Morning Line,” Governor Ed Park said the budget would pass.\n');
    const q = speech(d);
    assert.equal(q.length, 1);
    assert.equal(content(q[0]), 'the budget would pass');
  });
});

describe('quotes: not speech', () => {
  test('scare quotes and titles are not quotes', () => {
    const d = run(
      'The band played "Wide Is My Motherland" as the guests arrived. The so-called "peace plan" failed.\n',
    );
    assert.equal(d.quotes.length, 0);
  });

  test('beliefs are not quotes', () => {
    const d = run(
      'John Brown believes the economy will recover next year. Many voters think the tax is too high.\n',
    );
    assert.equal(d.quotes.length, 0);
  });

  test('polls are typed apart (speech: false)', () => {
    const d = run('Sixty percent of voters back the plan, a new poll says.\n');
    assert.equal(speech(d).length, 0);
    for (const q of d.quotes) assert.equal((q as Quote & { speech?: boolean }).speech, false);
  });

  test('"pledged delegates", "maintains a lead", "posted a victory" are not speech', () => {
    const d = run(
      'Clinton leads by 200 pledged delegates. Sanders maintains a narrow lead in Oregon. Rubio posted a big win in Minnesota.\n',
    );
    assert.equal(
      speech(d).length,
      0,
      speech(d)
        .map((q) => q.text)
        .join(' | '),
    );
  });

  test('passives and infinitives are not cues', () => {
    const d = run('He was told to leave the building. She wants to say nothing about it.\n');
    assert.equal(speech(d).length, 0);
  });
});

describe('quotes: robustness', () => {
  test('fragments of attributions at the edges of a text do not throw', () => {
    for (const t of [
      '',
      '"',
      '“',
      'said',
      ': "x"',
      '"a," said',
      'According to',
      'in his words,',
      '"""',
      "''''''",
      'He said that',
      'Asked if',
      '“Unclosed quote at the end',
      'He told',
      'called for',
    ])
      assert.doesNotThrow(() => run(t), t);
  });
});
