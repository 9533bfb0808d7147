import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textToArticle } from '../../src/article/text/layout.js';
import type { AnnotatedDocument, Entity, EntityType, Mention } from '../../src/document.js';
import { entitiesStage } from '../../src/nlp/entities/stage.js';
import { languageStage } from '../../src/nlp/stage.js';
import { emptyDocument } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';

const CTX = { now: new Date(0), referenceDate: null };

/**
 * The language layer of `text`, with name mentions as a tagger would give them: every occurrence of each
 * listed form (longest first, no overlaps). The entities stage is tested on its own, whatever the tagger does.
 */
function withMentions(text: string, spec: [string, EntityType][]): AnnotatedDocument {
  const doc = languageStage.run(
    emptyDocument(textToArticle(text, { published: null, title: null }, null), 'd'),
    CTX,
  );
  const taken = new Uint8Array(text.length);
  const mentions: Mention[] = [];
  for (const [s, type] of [...spec].sort((a, b) => b[0].length - a[0].length)) {
    const re = new RegExp(`(?<![\\p{L}])${s.replace(/[.]/g, '\\.')}(?![\\p{L}])`, 'gu');
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + s.length;
      if (taken.subarray(start, end).some((x) => x)) continue;
      taken.fill(1, start, end);
      mentions.push({ start, end, text: s, type, kind: 'name', entity: null });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { ...doc, mentions };
}

const run = (doc: AnnotatedDocument) => entitiesStage.run(doc, CTX);
const byName = (doc: AnnotatedDocument, name: string): Entity => {
  const e = doc.entities.find((x) => x.name === name);
  assert.ok(e, `no entity named ${name}: ${doc.entities.map((x) => x.name).join(', ')}`);
  return e;
};
const texts = (e: Entity) => e.mentions.map((m) => m.text);

const SEED_NER: [string, EntityType][] = [
  ['Russian Institute for Strategic Studies', 'ORG'],
  ['Vladimir Putin', 'PERSON'],
  ['Kim Jong Un', 'PERSON'],
  ['Roman Lobov', 'PERSON'],
  ['Putin', 'PERSON'],
  ['Kim', 'PERSON'],
  ['Lobov', 'PERSON'],
  ['TASS', 'ORG'],
  ['North Korea', 'GPE'],
  ['South Korea', 'GPE'],
  ['Russia', 'GPE'],
  ['United States', 'GPE'],
  ['Japan', 'GPE'],
  ['Pyongyang', 'GPE'],
  ['MOSCOW', 'GPE'],
  ['Moscow', 'GPE'],
  ['Soviet Union', 'GPE'],
  ['Korean Peninsula', 'LOC'],
  ['Northeastern Asia', 'LOC'],
  ['Tumannaya', 'LOC'],
  ['North Korean', 'NORP'],
  ['Western', 'MISC'],
];

test('seed article: persons, their name variants, pronouns and descriptions', () => {
  const doc = run(withMentions(fixture('seed-article.txt'), SEED_NER));
  const putin = byName(doc, 'Vladimir Putin');
  assert.equal(putin.type, 'PERSON');
  assert.ok(putin.mentions.length >= 6, texts(putin).join('|'));
  assert.ok(texts(putin).includes('Putin'));
  assert.equal(putin.attributes.title, 'President');
  assert.equal(putin.attributes.country, 'RU');

  const kim = byName(doc, 'Kim Jong Un');
  assert.ok(kim.mentions.length >= 6, texts(kim).join('|'));
  assert.ok(texts(kim).includes('Kim'));
  assert.equal(kim.attributes.title, 'leader');
  assert.equal(kim.attributes.country, 'KP');
  // "Kim invited Putin to visit North Korea when he was on a visit to Russia": he is Kim
  const text = doc.text;
  const he = text.indexOf('when he was');
  assert.ok(kim.mentions.some((m) => m.start === he + 5));

  const lobov = byName(doc, 'Roman Lobov');
  const lt = texts(lobov);
  for (const t of ['Lobov', 'the expert', 'a Russian analyst', 'He', 'his', 'he'])
    assert.ok(lt.includes(t), `${t}: ${lt}`);
  assert.equal(lobov.attributes.affiliation, 'Russian Institute for Strategic Studies');
  assert.equal(lobov.attributes.title, 'expert');
  // the headline's closing "— expert" and then "a Russian analyst" come first: the entity starts there
  assert.deepEqual(
    lobov.mentions.slice(0, 2).map((m) => m.text),
    ['expert', 'a Russian analyst'],
  );
  // every pronoun in Lobov's paragraphs is his; none goes to Putin
  assert.ok(!texts(putin).some((t) => /^(he|his)$/i.test(t)));

  // mentions are in text order and carry their entity
  for (const e of doc.entities)
    for (let i = 1; i < e.mentions.length; i++) assert.ok(e.mentions[i - 1].start <= e.mentions[i].start);
  for (const m of doc.mentions) if (m.entity) assert.ok(doc.entities.some((e) => e.id === m.entity));
  assert.deepEqual(
    doc.entities.map((e) => e.id),
    doc.entities.map((_, i) => `e${i + 1}`),
  );
});

test('seed article: countries, places and organisations', () => {
  const doc = run(withMentions(fixture('seed-article.txt'), SEED_NER));
  const iso = (code: string) => doc.entities.find((e) => e.ids.iso === code);
  assert.equal(iso('RU')?.name, 'Russia');
  assert.equal(iso('KP')?.name, 'North Korea');
  assert.equal(iso('KR')?.name, 'South Korea');
  assert.equal(iso('JP')?.name, 'Japan');
  const us = iso('US');
  assert.equal(us?.name, 'United States');
  assert.ok(us && texts(us).includes('US'), 'the "US" mentions (gazetteer) join the United States');
  const su = doc.entities.find((e) => e.name === 'Soviet Union');
  assert.equal(su?.ids.iso, 'SU');
  for (const e of doc.entities.filter((x) => x.ids.iso)) assert.equal(e.type, 'GPE');

  assert.equal(byName(doc, 'Korean Peninsula').type, 'LOC');
  assert.equal(doc.entities.find((e) => e.name.includes('Tumannaya'))?.type, 'LOC');
  assert.equal(byName(doc, 'TASS').type, 'ORG');
  const riss = byName(doc, 'Russian Institute for Strategic Studies');
  assert.equal(riss.type, 'ORG');
  assert.equal(riss.attributes.country, 'RU');

  // capitals stay cities, with their country for actor coding; "Moscow-Pyongyang" gives both
  const moscow = byName(doc, 'Moscow');
  assert.equal(moscow.type, 'GPE');
  assert.equal(moscow.ids.iso, null);
  assert.equal(moscow.attributes.country, 'RU');
  assert.ok(moscow.mentions.some((m) => m.text === 'MOSCOW'));
  const pyongyang = byName(doc, 'Pyongyang');
  assert.equal(pyongyang.attributes.country, 'KP');
  assert.ok(pyongyang.mentions.some((m) => m.start === doc.text.indexOf('Pyongyang')));

  // demonyms are their own NORP entities, pointing at the country
  const norp = doc.entities.filter((e) => e.type === 'NORP');
  assert.ok(norp.some((e) => e.name === 'Russian' && e.attributes.country === 'RU'));
  assert.ok(norp.some((e) => e.name === 'North Korean' && e.attributes.country === 'KP'));
  assert.ok(
    norp.some((e) => e.attributes.country === 'SU'),
    'Soviet',
  );

  // "the two countries" is not linked to one country
  const two = doc.mentions.filter((m) => m.text === 'the two countries');
  assert.ok(two.length >= 1);
  for (const m of two) assert.equal(m.entity, null);
});

test('countries the tagger missed or mistyped are linked by the gazetteer', () => {
  const text =
    'Officials in Seoul said the U.S.-led talks with the DPRK would resume. Japanese envoys agreed.';
  const doc = run(withMentions(text, [['DPRK', 'ORG']]));
  const kp = doc.entities.find((e) => e.ids.iso === 'KP');
  assert.equal(kp?.type, 'GPE');
  assert.equal(kp?.name, 'North Korea');
  assert.ok(doc.entities.some((e) => e.ids.iso === 'US' && texts(e).includes('U.S.')));
  assert.equal(byName(doc, 'Seoul').attributes.country, 'KR');
  assert.equal(byName(doc, 'Japanese').attributes.country, 'JP');
  // no duplicate or overlapping name mentions
  const names = doc.mentions.filter((m) => m.kind === 'name');
  for (let i = 1; i < names.length; i++) assert.ok(names[i - 1].end <= names[i].start);
});

test('a female speaker: she and her', () => {
  const text =
    'Angela Merkel met reporters in Berlin on Monday. She said Germany would help. ' +
    'Merkel added that her government was ready.';
  const doc = run(
    withMentions(text, [
      ['Angela Merkel', 'PERSON'],
      ['Merkel', 'PERSON'],
      ['Berlin', 'GPE'],
      ['Germany', 'GPE'],
    ]),
  );
  const m = byName(doc, 'Angela Merkel');
  assert.deepEqual(texts(m), ['Angela Merkel', 'She', 'Merkel', 'her']);
  assert.equal(doc.entities.find((e) => e.ids.iso === 'DE')?.name, 'Germany');
});

test('two people alternating: gender decides', () => {
  const text =
    'John Smith met Mary Jones in Paris on Friday. He told her that the talks had failed. ' +
    'She said she would return to London, and he agreed.';
  const doc = run(
    withMentions(text, [
      ['John Smith', 'PERSON'],
      ['Mary Jones', 'PERSON'],
      ['Paris', 'GPE'],
      ['London', 'GPE'],
    ]),
  );
  assert.deepEqual(texts(byName(doc, 'John Smith')), ['John Smith', 'He', 'he']);
  assert.deepEqual(texts(byName(doc, 'Mary Jones')), ['Mary Jones', 'her', 'She', 'she']);
});

test('a Chinese name: family name first; title and country from premodifiers', () => {
  const text =
    'Chinese President Xi Jinping arrived in Moscow on Monday. Xi said China and Russia were partners. ' +
    'The Chinese leader also met students.';
  const doc = run(
    withMentions(text, [
      ['Xi Jinping', 'PERSON'],
      ['Xi', 'PERSON'],
      ['Moscow', 'GPE'],
      ['China', 'GPE'],
      ['Russia', 'GPE'],
    ]),
  );
  const xi = byName(doc, 'Xi Jinping');
  assert.deepEqual(texts(xi), ['Xi Jinping', 'Xi', 'The Chinese leader']);
  assert.equal(xi.attributes.title, 'President');
  assert.equal(xi.attributes.country, 'CN');
  assert.equal(byName(doc, 'Moscow').attributes.country, 'RU');
});

test('appositives: title and affiliation', () => {
  const text =
    'Hugh Hill, a doctor, said the hospital was full. ' +
    'Anna Kowalska, a professor at the University of Warsaw, said the report was wrong. ' +
    'Ivan Petrov of the Higher School of Economics disagreed.';
  const doc = run(
    withMentions(text, [
      ['Hugh Hill', 'PERSON'],
      ['Anna Kowalska', 'PERSON'],
      ['Ivan Petrov', 'PERSON'],
      ['University of Warsaw', 'ORG'],
      ['Higher School of Economics', 'ORG'],
    ]),
  );
  assert.equal(byName(doc, 'Hugh Hill').attributes.title, 'doctor');
  const anna = byName(doc, 'Anna Kowalska');
  assert.equal(anna.attributes.title, 'professor');
  assert.equal(anna.attributes.affiliation, 'University of Warsaw');
  assert.equal(byName(doc, 'Ivan Petrov').attributes.affiliation, 'Higher School of Economics');
});

test('an acronym in brackets joins its organisation; Mr. gives the gender', () => {
  const text =
    'The International Atomic Energy Agency (IAEA) sent inspectors. Mr. Grossi, who leads the IAEA, said he was hopeful.';
  const doc = run(
    withMentions(text, [
      ['International Atomic Energy Agency', 'ORG'],
      ['IAEA', 'ORG'],
      ['Grossi', 'PERSON'],
    ]),
  );
  const iaea = byName(doc, 'International Atomic Energy Agency');
  assert.deepEqual(texts(iaea), ['International Atomic Energy Agency', 'IAEA', 'IAEA']);
  assert.deepEqual(texts(byName(doc, 'Grossi')), ['Grossi', 'he']);
});

test('a headline surname finds the full name further down', () => {
  const text =
    'Putin to visit Hanoi\n\nRussian President Vladimir Putin will visit Vietnam, the Kremlin said.';
  const doc = run(
    withMentions(text, [
      ['Putin', 'PERSON'],
      ['Vladimir Putin', 'PERSON'],
      ['Hanoi', 'GPE'],
      ['Vietnam', 'GPE'],
      ['Kremlin', 'ORG'],
    ]),
  );
  assert.deepEqual(texts(byName(doc, 'Vladimir Putin')), ['Putin', 'Vladimir Putin']);
  assert.equal(doc.entities[0].name, 'Vladimir Putin');
});

test('a surname that is also a country stays the person', () => {
  const text = 'Michael Jordan visited Amman, the capital of Jordan. Jordan said he enjoyed the trip.';
  const doc = run(
    withMentions(text, [
      ['Michael Jordan', 'PERSON'],
      ['Amman', 'GPE'],
      ['Jordan', 'PERSON'],
    ]),
  );
  const mj = byName(doc, 'Michael Jordan');
  assert.ok(texts(mj).includes('Jordan'));
  assert.ok(texts(mj).includes('he'));
  assert.equal(byName(doc, 'Amman').attributes.country, 'JO');
});

test('a capital qualified by another region is another city; a title inside a tagger span splits it', () => {
  const text =
    'Apple Computer CEO Steve Jobs spoke in San Jose, California, on Monday. Officials in Moscow, Russia, and ' +
    'in Washington, D.C., were briefed.';
  const doc = run(
    withMentions(text, [
      ['Apple Computer CEO Steve Jobs', 'ORG'],
      ['San Jose', 'GPE'],
      ['California', 'GPE'],
      ['Moscow', 'GPE'],
      ['Russia', 'GPE'],
      ['Washington', 'GPE'],
      ['D.C.', 'GPE'],
    ]),
  );
  assert.equal(byName(doc, 'San Jose').attributes.country, undefined);
  assert.equal(byName(doc, 'Moscow').attributes.country, 'RU');
  assert.equal(byName(doc, 'Washington').attributes.country, 'US');
  const jobs = byName(doc, 'Steve Jobs');
  assert.equal(jobs.type, 'PERSON');
  assert.equal(jobs.attributes.title, 'CEO');
  assert.equal(jobs.attributes.affiliation, 'Apple Computer');
  assert.equal(byName(doc, 'Apple Computer').type, 'ORG');
});

test('"X said he": the pronoun is the speaker; a possessive is not the subject', () => {
  const text =
    'Ahmed Khan met his father, Omar Khan, in Cairo. His father Omar Khan said he was proud of the boy.';
  const doc = run(
    withMentions(text, [
      ['Ahmed Khan', 'PERSON'],
      ['Omar Khan', 'PERSON'],
      ['Cairo', 'GPE'],
    ]),
  );
  const omar = byName(doc, 'Omar Khan');
  const he = doc.text.indexOf(' he was') + 1;
  assert.ok(
    omar.mentions.some((m) => m.start === he),
    omar.mentions.map((m) => m.text).join('|'),
  );
});

test('premodifier titles: "of" phrases and organisations before the title', () => {
  const text =
    'U.S. Secretary of State Antony Blinken criticized the talks. Kremlin spokesman Dmitry Peskov said Moscow ' +
    'would respond. The spokesman added that more talks were planned.';
  const doc = run(
    withMentions(text, [
      ['Antony Blinken', 'PERSON'],
      ['Dmitry Peskov', 'PERSON'],
      ['Kremlin', 'ORG'],
      ['Moscow', 'GPE'],
    ]),
  );
  const blinken = byName(doc, 'Antony Blinken');
  assert.equal(blinken.attributes.title, 'Secretary of State');
  assert.equal(blinken.attributes.country, 'US');
  const peskov = byName(doc, 'Dmitry Peskov');
  assert.equal(peskov.attributes.title, 'spokesman');
  assert.equal(peskov.attributes.affiliation, 'Kremlin');
  assert.ok(texts(peskov).includes('The spokesman'));
});

test('empty and odd inputs', () => {
  for (const text of [
    '',
    '   \n\n  ',
    'He said she',
    '"""',
    'The the the expert.',
    'US-US-US',
    'a'.repeat(5000),
  ]) {
    const doc = run(withMentions(text, []));
    for (const m of doc.mentions) assert.ok(m.start >= 0 && m.end <= text.length);
  }
  // a tagger mention past the last sentence or overlapping another does not break the stage
  const text = 'Vladimir Putin spoke.';
  const base = withMentions(text, [['Vladimir Putin', 'PERSON']]);
  const doc = run({
    ...base,
    mentions: [
      ...base.mentions,
      { start: 9, end: 14, text: 'Putin', type: 'PERSON', kind: 'name', entity: null },
    ],
  });
  assert.equal(doc.entities.length, 1);
});

test('"the country" goes to the one country just mentioned, and to none when two are', () => {
  const text =
    'Japan reported strong exports in May. The country is the largest buyer of Australian coal. ' +
    'Russia signed a deal with North Korea. The country will supply grain.';
  const doc = run(
    withMentions(text, [
      ['Japan', 'GPE'],
      ['Russia', 'GPE'],
      ['North Korea', 'GPE'],
    ]),
  );
  const jp = doc.entities.find((e) => e.ids.iso === 'JP');
  assert.deepEqual(jp && texts(jp), ['Japan', 'The country']);
  for (const iso of ['RU', 'KP']) {
    const e = doc.entities.find((x) => x.ids.iso === iso);
    assert.ok(e && !texts(e).includes('The country'));
  }
});

test('descriptions that name an office need that office', () => {
  const text =
    'Education Minister Anna Rossi said the plan was ready. An aide to the prime minister said talks would go on. ' +
    'Mayor John Hill, a lawyer, said he would ask the Secretary of Defense for help. The mayor spoke later.';
  const doc = run(
    withMentions(text, [
      ['Anna Rossi', 'PERSON'],
      ['John Hill', 'PERSON'],
    ]),
  );
  assert.ok(!texts(byName(doc, 'Anna Rossi')).includes('the prime minister'));
  const hill = byName(doc, 'John Hill');
  assert.ok(!texts(hill).includes('the Secretary'));
  assert.ok(texts(hill).includes('The mayor'));
});

test('organisation variants: dotted acronyms and shorter names', () => {
  const text =
    'The United Nations said the US State Department had been told. A U.N. envoy met State Department officials.';
  const doc = run(
    withMentions(text, [
      ['United Nations', 'ORG'],
      ['US State Department', 'ORG'],
      ['U.N.', 'ORG'],
      ['State Department', 'ORG'],
    ]),
  );
  assert.deepEqual(texts(byName(doc, 'United Nations')), ['United Nations', 'U.N.']);
  assert.deepEqual(texts(byName(doc, 'US State Department')), ['US State Department', 'State Department']);
});

test('a two-word name the tagger typed as an organisation, whose last word recurs alone, is a person', () => {
  const text =
    'Valeska Paris says the group held her for years. Paris was born in Switzerland. Paris claims she was ' +
    'told to stay aboard.';
  const doc = run(
    withMentions(text, [
      ['Valeska Paris', 'ORG'],
      ['Paris', 'GPE'],
      ['Switzerland', 'GPE'],
    ]),
  );
  const vp = byName(doc, 'Valeska Paris');
  assert.equal(vp.type, 'PERSON');
  assert.deepEqual(texts(vp), ['Valeska Paris', 'her', 'Paris', 'Paris', 'she']);
  assert.equal(vp.attributes.country, undefined);
});

test('seats of government carry their country', () => {
  const text = 'The Kremlin said the White House had not replied. Downing Street declined to comment.';
  const doc = run(
    withMentions(text, [
      ['Kremlin', 'ORG'],
      ['White House', 'ORG'],
      ['Downing Street', 'PERSON'],
    ]),
  );
  assert.equal(byName(doc, 'Kremlin').attributes.country, 'RU');
  assert.equal(byName(doc, 'White House').attributes.country, 'US');
  const boj = run(withMentions('The Bank of Japan raised rates.', [['Bank of Japan', 'ORG']]));
  assert.equal(byName(boj, 'Bank of Japan').attributes.country, 'JP');
  const ds = byName(doc, 'Downing Street');
  assert.equal(ds.attributes.country, 'GB');
  assert.equal(ds.type, 'ORG');
});

test('a possessive in an opening phrase refers forward to the subject', () => {
  const text = 'Bob Jones spoke first. On his campaign website, Robert Sarvis notes he is a lawyer.';
  const doc = run(
    withMentions(text, [
      ['Bob Jones', 'PERSON'],
      ['Robert Sarvis', 'PERSON'],
    ]),
  );
  assert.deepEqual(texts(byName(doc, 'Robert Sarvis')), ['his', 'Robert Sarvis', 'he']);
});
