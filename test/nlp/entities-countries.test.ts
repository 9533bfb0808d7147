// Actor countries from the entity layer: gazetteer forms that are not countries, nationality nouns, old CAMEO
// codes, leaders named without a title, officials named by office and country. Sentences written for these tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textToArticle } from '../../src/article/text/layout.js';
import type { AnnotatedDocument, Entity, EntityType, Mention } from '../../src/document.js';
import { entitiesStage } from '../../src/nlp/entities/stage.js';
import {
  countryByCode,
  countryByDemonym,
  countryByName,
  isCommonSurname,
  leadersByName,
  leadersBySurname,
} from '../../src/nlp/gazetteer/countries.js';
import { languageStage } from '../../src/nlp/stage.js';
import { emptyDocument } from '../../src/pipeline.js';

const CTX = { now: new Date(0), referenceDate: null };

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
const withMention = (doc: AnnotatedDocument, text: string): Entity => {
  const e = doc.entities.find((x) => x.mentions.some((m) => m.text === text));
  assert.ok(e, `no entity with a mention ${text}: ${doc.entities.map((x) => x.name).join(', ')}`);
  return e;
};

test('gazetteer: a demonym of one country is not another country’s name', () => {
  assert.equal(countryByName('Serbian'), null);
  assert.equal(countryByDemonym('Serbian')?.iso2, 'RS');
  assert.equal(countryByDemonym('Montenegrin')?.iso2, 'ME');
  assert.equal(countryByName('Montenegrin'), null);
});

test('gazetteer: nationality nouns and plurals', () => {
  for (const [d, iso] of [
    ['Serb', 'RS'],
    ['Serbs', 'RS'],
    ['Croats', 'HR'],
    ['Poles', 'PL'],
    ['Swedes', 'SE'],
    ['Turks', 'TR'],
    ['Uzbek', 'UZ'],
    ['Kampuchean', 'KH'],
  ])
    assert.equal(countryByDemonym(d)?.iso2, iso, d);
});

test('gazetteer: English words are not countries, real short forms are', () => {
  assert.equal(countryByName('Island'), null); // an Icelandic name of Iceland
  assert.equal(countryByName('Pole'), null);
  assert.equal(countryByName('US')?.iso2, 'US');
  assert.equal(countryByName('U.S.')?.iso2, 'US');
  assert.equal(countryByName('Ivory Coast')?.iso2, 'CI');
  assert.equal(countryByName('Côte d’Ivoire')?.iso2, 'CI');
  assert.equal(countryByName("Cote d'Ivoire")?.iso2, 'CI');
  assert.equal(countryByName('West Bank')?.iso2, 'PS');
});

test('gazetteer: old CAMEO codes', () => {
  assert.equal(countryByCode('ITL')?.iso2, 'IT');
  assert.equal(countryByCode('VTN')?.iso2, 'VN');
  assert.equal(countryByCode('JAP')?.iso2, 'JP');
  assert.equal(countryByCode('SRB')?.iso2, 'RS');
});

test('gazetteer: leaders by full name, first and last name, surname; particles do not matter', () => {
  assert.equal(leadersByName('Bill Clinton')[0]?.iso2, 'US');
  assert.equal(leadersByName('George Bush')[0]?.iso2, 'US');
  assert.equal(leadersByName('Omar El Bashir')[0]?.iso2, 'SD');
  assert.ok(leadersBySurname('Obama').every((l) => l.iso2 === 'US'));
  assert.ok(isCommonSurname('Smith'));
  assert.ok(isCommonSurname('Bush')); // an English word
  assert.ok(!isCommonSurname('Obama'));
});

test('entities: a leader named without a title gets the country', () => {
  const text =
    'Barack Obama met the delegation on Monday. Obama said the talks were useful. Bill Clinton spoke later.';
  const doc = run(
    withMentions(text, [
      ['Barack Obama', 'PERSON'],
      ['Obama', 'PERSON'],
      ['Bill Clinton', 'PERSON'],
    ]),
  );
  assert.equal(withMention(doc, 'Barack Obama').attributes.country, 'US');
  assert.equal(withMention(doc, 'Bill Clinton').attributes.country, 'US');
  assert.equal(withMention(doc, 'Bill Clinton').attributes.title, 'president');
});

test('entities: a bare surname needs to be distinctive, or a leader’s title', () => {
  const doc = run(
    withMentions('Obama is expected in the capital. Bush played golf. Smith won the race.', [
      ['Obama', 'PERSON'],
      ['Bush', 'PERSON'],
      ['Smith', 'PERSON'],
    ]),
  );
  assert.equal(withMention(doc, 'Obama').attributes.country, 'US');
  assert.equal(withMention(doc, 'Bush').attributes.country, undefined);
  assert.equal(withMention(doc, 'Smith').attributes.country, undefined);
  const titled = run(
    withMentions('President Bush has threatened further action. The Bush administration agreed.', [
      ['Bush', 'PERSON'],
    ]),
  );
  assert.equal(withMention(titled, 'Bush').attributes.country, 'US');
});

test('entities: a leader’s surname typed as a place by the tagger is the person', () => {
  const doc = run(
    withMentions('The prisoners were released on Friday by Putin himself.', [['Putin', 'GPE']]),
  );
  const e = withMention(doc, 'Putin');
  assert.equal(e.type, 'PERSON');
  assert.equal(e.attributes.country, 'RU');
  assert.equal(e.ids.iso, null);
});

test('entities: "King X of <country>" gives the person that country', () => {
  const doc = run(
    withMentions('King Hassan of Morocco was quoted as saying he would host the meeting.', [
      ['Hassan', 'PERSON'],
      ['Morocco', 'GPE'],
    ]),
  );
  assert.equal(withMention(doc, 'Hassan').attributes.country, 'MA');
});

test('entities: the demonym "Serbian" is Serbia, and "Serb forces" too', () => {
  const doc = run(
    withMentions('The Serbian parliament approved the law. Serb forces left the town.', [
      ['Serbian', 'MISC'],
      ['Serb', 'MISC'],
    ]),
  );
  assert.equal(withMention(doc, 'Serbian').attributes.country, 'RS');
  assert.equal(byName(doc, 'Serbian parliament').attributes.country, 'RS');
  // "Serb forces": an organisation of Serbia, beside the demonym
  assert.equal(withMention(doc, 'Serb').attributes.country, 'RS');
  const forces = byName(doc, 'Serb forces');
  assert.equal(forces.type, 'ORG');
  assert.equal(forces.attributes.country, 'RS');
});

test('entities: hyphenated demonym compounds and compass regions', () => {
  const doc = run(
    withMentions('Vietnamese-led forces took a village in Western Cambodia on Sunday.', [
      ['Western Cambodia', 'GPE'],
    ]),
  );
  assert.equal(withMention(doc, 'Vietnamese').attributes.country, 'VN');
  assert.equal(byName(doc, 'Vietnamese-led forces').attributes.country, 'VN');
  const region = withMention(doc, 'Western Cambodia');
  assert.equal(region.attributes.country, 'KH');
  assert.equal(region.ids.iso, null);
});

test('entities: officials named by office and country are person entities with that country', () => {
  const text =
    '"We will recall our envoy," the Chilean foreign minister said on Monday. ' +
    "Norway's foreign minister said the plan was unwise. A U.S. official said talks would resume. " +
    'The Chilean foreign minister added that the decision was final.';
  const doc = run(withMentions(text, []));
  const chile = withMention(doc, 'the Chilean foreign minister');
  assert.equal(chile.type, 'PERSON');
  assert.equal(chile.attributes.country, 'CL');
  assert.equal(chile.attributes.title, 'foreign minister');
  assert.equal(chile.name, 'Chilean foreign minister');
  assert.ok(
    chile.mentions.some((m) => m.text === 'The Chilean foreign minister'),
    'one entity for both',
  );
  assert.equal(withMention(doc, "Norway's foreign minister").attributes.country, 'NO');
  assert.equal(withMention(doc, 'A U.S. official').attributes.country, 'US');
});

test('entities: an expert named only by a description is not an official', () => {
  const doc = run(withMentions('A Russian analyst said the talks would fail.', []));
  assert.ok(!doc.entities.some((e) => e.type === 'PERSON'));
});

test('entities: compass regions only by a country’s own name; named regions keep their state', () => {
  const doc = run(
    withMentions('Fighting in Northern Ireland, Northern Iraq and Central America went on.', [
      ['Northern Ireland', 'GPE'],
      ['Northern Iraq', 'GPE'],
      ['Central America', 'LOC'],
    ]),
  );
  assert.equal(withMention(doc, 'Northern Ireland').attributes.country, 'GB');
  assert.equal(withMention(doc, 'Northern Iraq').attributes.country, 'IQ');
  assert.equal(withMention(doc, 'Central America').attributes.country, undefined);
});

test('entities: a leader’s surname typed as an organisation stays the organisation', () => {
  const doc = run(withMentions('Ford said it would cut jobs. Ford makes cars.', [['Ford', 'ORG']]));
  const e = withMention(doc, 'Ford');
  assert.equal(e.type, 'ORG');
  assert.equal(e.attributes.country, undefined);
});

test('entities: a leader’s title must fit the office ("King Arthur" is no prime minister)', () => {
  const doc = run(withMentions('King Arthur pulled the sword from the stone.', [['Arthur', 'PERSON']]));
  assert.equal(withMention(doc, 'Arthur').attributes.country, undefined);
});

test('entities: Soviet leaders are the Soviet Union', () => {
  const doc = run(withMentions('Mikhail Gorbachev met the delegation.', [['Mikhail Gorbachev', 'PERSON']]));
  assert.equal(withMention(doc, 'Mikhail Gorbachev').attributes.country, 'SU');
});

test('entities: an office in apposition to a name describes that person', () => {
  const text =
    'The Jamaican Prime Minister, Bruce Golding, said the patrols had increased. ' +
    "Tony Clement, Canada's Minister of Industry, is hoping for support.";
  const doc = run(
    withMentions(text, [
      ['Bruce Golding', 'PERSON'],
      ['Tony Clement', 'PERSON'],
    ]),
  );
  const golding = withMention(doc, 'Bruce Golding');
  assert.equal(golding.attributes.country, 'JM');
  assert.ok(golding.mentions.some((m) => m.text === 'The Jamaican Prime Minister'));
  assert.equal(withMention(doc, 'Tony Clement').attributes.country, 'CA');
});

test('gazetteer: a possessive inside a country’s name', () => {
  assert.equal(countryByName("People's Republic of China")?.iso2, 'CN');
});

test('entities: a country’s name the tagger split is the whole name', () => {
  const doc = run(
    withMentions("Officials of the People's Republic of China met on Monday.", [
      ['People', 'GPE'],
      ['Republic of China', 'GPE'],
    ]),
  );
  const e = withMention(doc, "People's Republic of China");
  assert.equal(e.ids.iso, 'CN');
  assert.ok(!doc.entities.some((x) => x.ids.iso === 'TW'));
});

test('entities: state institutions named by their country are organisations with that country', () => {
  const text =
    "Russia's foreign ministry said the talks had failed. The Turkish government must answer. " +
    'The Russian foreign ministry added that it would respond. Croatian authorities declined.';
  const doc = run(withMentions(text, [['Russia', 'GPE']]));
  const ministry = byName(doc, "Russia's foreign ministry");
  assert.equal(ministry.type, 'ORG');
  assert.equal(ministry.attributes.country, 'RU');
  // one entity for both; its mentions are the institution's words, the country stays a mention of its own
  assert.deepEqual(
    ministry.mentions.map((m) => m.text),
    ['foreign ministry', 'foreign ministry'],
  );
  assert.equal(byName(doc, 'Turkish government').attributes.country, 'TR');
  assert.equal(byName(doc, 'Croatian authorities').attributes.country, 'HR');
  assert.equal(withMention(doc, 'Turkish').attributes.country, 'TR');
  assert.equal(withMention(doc, 'Russia').ids.iso, 'RU');
});

test('entities: a group named by a nationality takes its country from the first word', () => {
  const doc = run(
    withMentions('Bosnian Serbs demanded a truce. Iraqi Kurds protested on Monday.', [
      ['Bosnian Serbs', 'MISC'],
      ['Iraqi Kurds', 'NORP'],
    ]),
  );
  assert.equal(withMention(doc, 'Bosnian Serbs').attributes.country, 'BA');
  assert.equal(withMention(doc, 'Iraqi Kurds').attributes.country, 'IQ');
});
