import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotatedDocument, PoliticalEvent } from '../../src/document.js';
import { goldCountry, scoreSentence } from '../../src/evaluate/events.js';
import { inflect, parseLexicon } from '../../src/extract/events/lexicon.js';
import { countryOf } from '../../src/extract/events/stage.js';
import { fromText } from '../../src/ingest/input.js';
import { analyze } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';
import { CHILE, docWith, FRANCE, GERMANY, KENYA, names, PERU, RUSSIA } from './events-helpers.js';

function types(doc: AnnotatedDocument): string[] {
  return doc.events.map((e) => e.type);
}

function isos(doc: AnnotatedDocument, ids: string[]): string[] {
  return ids
    .map((id) => doc.entities.find((e) => e.id === id))
    .map((e) => (e ? countryOf(e) : null))
    .filter((x): x is string => !!x)
    .sort();
}

describe('events: dictionary', () => {
  it('inflects regular and irregular verbs', () => {
    assert.deepEqual(inflect('ban').past, ['banned']);
    assert.deepEqual(inflect('visit').past, ['visited']);
    assert.deepEqual(inflect('meet').past, ['met']);
    assert.deepEqual(inflect('apologize').s, ['apologizes']);
    assert.deepEqual(inflect('deploy').past, ['deployed']);
  });

  it('parses patterns with following words and frames', () => {
    const lex = parseLexicon('impose sanction\tSANCTION\t\teconomic\t\t163\nrefuse\tREJECT\t\t\tctrl\t120\n');
    assert.equal(lex.verbs.get('impose')?.[0].rest[0], 'sanction');
    assert.equal(lex.verbs.get('refuse')?.[0].frame, 'ctrl');
    assert.ok(lex.forms.get('imposed')?.some((f) => f.lemma === 'impose'));
  });
});

describe('events: grammar', () => {
  it('codes a plain transitive clause with source and target', () => {
    const doc = docWith('Chile expelled two Peruvian diplomats on Monday.', [
      CHILE,
      { names: ['Peruvian'], type: 'NORP', country: 'PE' },
    ]);
    const e = doc.events[0];
    assert.equal(e.type, 'SANCTION');
    assert.deepEqual(names(doc, e.source), ['Chile']);
    assert.deepEqual(isos(doc, e.target), ['PE']);
  });

  it('compound subjects are lists of sources', () => {
    const doc = docWith('France and Germany signed a trade agreement in Berlin on March 3, 2021.', [
      FRANCE,
      GERMANY,
      { names: ['Berlin'], type: 'GPE', country: 'DE' },
    ]);
    const e = doc.events.find((x) => x.type === 'AGREE') as PoliticalEvent;
    assert.ok(e);
    assert.deepEqual(names(doc, e.source).sort(), ['France', 'Germany']);
    assert.equal(e.mode, 'sign');
    assert.equal(e.date, '2021-03-03');
    assert.equal(names(doc, [e.location as string])[0], 'Berlin');
  });

  it('passives take their source from the by-phrase', () => {
    const doc = docWith('The convoy was attacked by Kenyan troops near the border.', [
      { names: ['Kenyan'], type: 'NORP', country: 'KE' },
    ]);
    const e = doc.events[0];
    assert.equal(e.type, 'ASSAULT');
    assert.deepEqual(isos(doc, e.source), ['KE']);
  });

  it('a state official is coded as the state', () => {
    const doc = docWith('French President Jean Dupont visited Chile on Tuesday.', [
      FRANCE,
      CHILE,
      { names: ['French'], type: 'NORP', country: 'FR' },
      { names: ['Jean Dupont'], type: 'PERSON', country: 'FR' },
    ]);
    const e = doc.events[0];
    assert.equal(e.type, 'CONSULT');
    assert.equal(e.mode, 'visit');
    assert.deepEqual(names(doc, e.source), ['France']);
    assert.deepEqual(names(doc, e.target), ['Chile']);
  });

  it('a nominal visit: "X\'s visit to Y" gives source, target and location', () => {
    const doc = docWith('Talks continued during the Kenyan president’s visit to Lima on 4 May 2022.', [
      { names: ['Kenyan president'], type: 'PERSON', country: 'KE' },
      KENYA,
      { names: ['Lima'], type: 'GPE', country: 'PE' },
      PERU,
    ]);
    const e = doc.events.find((x) => x.type === 'CONSULT') as PoliticalEvent;
    assert.ok(e);
    assert.deepEqual(names(doc, e.source), ['Kenya']);
    assert.deepEqual(names(doc, e.target), ['Peru']);
    assert.equal(names(doc, [e.location as string])[0], 'Lima');
  });

  it('negation: "did not sign" is no AGREE', () => {
    const doc = docWith('Peru did not sign the fisheries agreement with Chile.', [PERU, CHILE]);
    assert.deepEqual(types(doc), []);
  });

  it('a refusal in the future tense is a REJECT', () => {
    const doc = docWith('Chile said it would not extradite the former minister to Peru.', [CHILE, PERU]);
    assert.deepEqual(types(doc), ['REJECT']);
    assert.deepEqual(names(doc, doc.events[0].source), ['Chile']);
  });

  it('modality: "may attack" is not reported as an attack', () => {
    const doc = docWith('Analysts said Peru may attack the rebel camps next month.', [PERU]);
    assert.ok(!types(doc).includes('ASSAULT'));
  });

  it('modality: announced cooperation is an AGREE, announced force a THREATEN', () => {
    const a = docWith('Germany will send medical aid to Kenya next week.', [GERMANY, KENYA]);
    assert.deepEqual(types(a), ['AGREE']);
    const b = docWith('Peru threatened to close its border with Chile.', [PERU, CHILE]);
    assert.deepEqual(types(b), ['THREATEN']);
    assert.deepEqual(names(b, b.events[0].target), ['Chile']);
  });

  it('a scheduled visit keeps its type, marked planned', () => {
    const doc = docWith('The Chilean foreign minister is scheduled to visit Kenya in July 2025.', [
      { names: ['Chilean foreign minister'], type: 'PERSON', country: 'CL' },
      KENYA,
    ]);
    const e = doc.events[0] as PoliticalEvent & { modality?: string };
    assert.equal(e.type, 'CONSULT');
    assert.equal(e.modality, 'planned');
  });

  it('conditionals and provision language are not events', () => {
    const doc = docWith(
      'The pact provides for military assistance in case of an attack on either party. If Peru attacks, Chile will respond.',
      [PERU, CHILE],
    );
    assert.ok(!types(doc).includes('ASSAULT'));
    assert.ok(!types(doc).includes('AID'));
  });

  it('verbs of saying are not events; the reported clause is', () => {
    const doc = docWith('Russia said on Friday that France had expelled three of its diplomats.', [
      RUSSIA,
      FRANCE,
    ]);
    assert.deepEqual(types(doc), ['SANCTION']);
    assert.deepEqual(names(doc, doc.events[0].source), ['France']);
  });

  it('quoted opinion is not an event of the speaker', () => {
    const doc = docWith('"This is a dangerous moment for everyone," the Kenyan envoy said of Peru.', [
      { names: ['Kenyan envoy'], type: 'PERSON', country: 'KE' },
      PERU,
    ]);
    assert.deepEqual(types(doc), []);
  });

  it('"we" inside a quotation is the speaker\'s side', () => {
    const doc = docWith('"We will expel their diplomats," the Chilean foreign minister said on Monday.', [
      { names: ['Chilean foreign minister'], type: 'PERSON', country: 'CL' },
      CHILE,
    ]);
    const e = doc.events[0];
    assert.equal(e?.type, 'THREATEN', JSON.stringify(doc.quotes));
    assert.deepEqual(names(doc, e.source), ['Chile']);
  });

  it('control verbs absorb their complement: "agreed to resume talks" is one AGREE', () => {
    const doc = docWith('Chile and Peru agreed to resume talks on their maritime border.', [CHILE, PERU]);
    assert.deepEqual(types(doc), ['AGREE']);
    assert.deepEqual(names(doc, doc.events[0].source).sort(), ['Chile', 'Peru']);
  });

  it('demands: "urged X to" and "demanded that X" target X', () => {
    const a = docWith('Kenya urged France to release the detained sailors.', [KENYA, FRANCE]);
    assert.deepEqual(types(a), ['REQUEST']);
    assert.deepEqual(names(a, a.events[0].target), ['France']);
    const b = docWith('Peru demanded on Sunday that Chile withdraw its troops.', [PERU, CHILE]);
    assert.deepEqual(types(b), ['REQUEST']);
    assert.deepEqual(names(b, b.events[0].target), ['Chile']);
  });

  it('coordinated clauses keep their own subjects', () => {
    const doc = docWith('Peru shelled rebel camps near the border and Chile closed its embassy in Lima.', [
      PERU,
      CHILE,
      { names: ['Lima'], type: 'GPE', country: 'PE' },
    ]);
    assert.deepEqual(types(doc), ['ASSAULT', 'SANCTION']);
    assert.deepEqual(names(doc, doc.events[1].source), ['Chile']);
  });

  it('an appositive does not hide the subject', () => {
    const doc = docWith('Kenya, a close partner of France, has rejected the proposal.', [KENYA, FRANCE]);
    assert.deepEqual(types(doc), ['REJECT']);
    assert.deepEqual(names(doc, doc.events[0].source), ['Kenya']);
  });

  it('a date span: "on June 18 and 19"', () => {
    const doc = docWith('The Chilean president paid a state visit to Peru on June 18 and 19.', [
      { names: ['Chilean president'], type: 'PERSON', country: 'CL' },
      CHILE,
      PERU,
    ]);
    const e = doc.events[0];
    assert.equal(e.type, 'CONSULT');
    assert.equal(e.date, '2024-06-18');
    assert.equal(e.date_end, '2024-06-19');
  });

  it('"X will do Y unless Z" is a threat; "is willing to" a commitment', () => {
    const a = docWith('Peru will withdraw its ambassador from Chile unless the fishing boats are returned.', [
      PERU,
      CHILE,
    ]);
    assert.deepEqual(types(a), ['THREATEN']);
    assert.deepEqual(names(a, a.events[0].source), ['Peru']);
    const b = docWith('Kenya is willing to host the next round of negotiations between Peru and Chile.', [
      KENYA,
      PERU,
      CHILE,
    ]);
    assert.deepEqual(types(b), ['AGREE']);
    assert.deepEqual(names(b, b.events[0].source), ['Kenya']);
  });

  it('a stance is not a passive: "is opposed to"', () => {
    const doc = docWith('Germany is opposed to French mediation in the dispute.', [
      GERMANY,
      { names: ['French'], type: 'NORP', country: 'FR' },
    ]);
    assert.deepEqual(types(doc), ['REJECT']);
    assert.deepEqual(names(doc, doc.events[0].source), ['Germany']);
  });

  it('every event links to its sentence', () => {
    const text = 'Peru recalled its ambassador. Chile praised the decision.';
    const doc = docWith(text, [PERU, CHILE]);
    assert.equal(doc.events.length, 2);
    for (const e of doc.events) {
      const s = doc.sentences.find((x) => x.start === e.evidence.start && x.end === e.evidence.end);
      assert.ok(s, 'evidence is a sentence');
      assert.ok(e.trigger.start >= s.start && e.trigger.end <= s.end);
      assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
    }
  });

  it('degrades gracefully without entity and time layers', () => {
    const doc = docWith('Troops attacked the town on Monday.', []);
    assert.deepEqual(types(doc), ['ASSAULT']);
    assert.deepEqual(doc.events[0].source, []);
  });
});

describe('events: seed article (whole pipeline)', () => {
  const doc = analyze(fromText(fixture('seed-article.txt'), 'seed', {}), {
    now: new Date('2025-01-01T00:00:00Z'),
  });
  const iso = (ids: string[]) => isos(doc, ids);
  const byName = (id: string | null) => doc.entities.find((e) => e.id === id)?.name;

  it('an AGREE by Russia and North Korea on 2024-06-19 in Pyongyang', () => {
    const e = doc.events.find(
      (x) =>
        (x.type === 'AGREE' || x.type === 'SUPPORT') &&
        x.date === '2024-06-19' &&
        iso(x.source).join() === 'KP,RU',
    );
    assert.ok(e, JSON.stringify(doc.events.map((x) => [x.type, iso(x.source), x.date])));
    assert.equal(byName(e.location), 'Pyongyang');
  });

  it('Putin’s visit to North Korea on June 18–19', () => {
    const e = doc.events.find((x) => x.type === 'CONSULT' && x.date === '2024-06-18');
    assert.ok(e);
    assert.equal(e.mode, 'visit');
    assert.equal(e.date_end, '2024-06-19');
    assert.deepEqual(iso(e.source), ['RU']);
    assert.deepEqual(iso(e.target), ['KP']);
  });

  it('Kim’s visit to Russia in September 2023', () => {
    const e = doc.events.find((x) => x.type === 'CONSULT' && x.date === '2023-09');
    assert.ok(e);
    assert.deepEqual(iso(e.source), ['KP']);
    assert.deepEqual(iso(e.target), ['RU']);
  });

  it('no ASSAULT or THREATEN', () => {
    assert.ok(!doc.events.some((e) => e.type === 'ASSAULT' || e.type === 'THREATEN'));
  });

  it('every event’s evidence is one of the sentences', () => {
    for (const e of doc.events)
      assert.ok(doc.sentences.some((s) => s.start === e.evidence.start && s.end === e.evidence.end));
  });
});

describe('evaluate events: scoring as the gold README defines it', () => {
  it('maps CAMEO-style codes to alpha-3 and leaves non-state codes unscored', () => {
    assert.equal(goldCountry({ code: 'JAP' }), 'JPN');
    assert.equal(goldCountry({ code: 'RUS', country: 'RUS' }), 'RUS');
    assert.equal(goldCountry({ code: 'DAGGOV', country: 'DAG' }), null);
    assert.equal(goldCountry({ code: 'IGO' }), null);
    assert.equal(goldCountry({ code: '---REB' }), null);
  });

  it('types as multisets, countries as sets, strict one-to-one', () => {
    const entities = [
      {
        id: 'e1',
        type: 'GPE' as const,
        name: 'Japan',
        ids: { iso: 'JP', wikidata: null, geonames: null },
        attributes: {},
        mentions: [],
      },
      {
        id: 'e2',
        type: 'PERSON' as const,
        name: 'X',
        ids: { iso: null, wikidata: null, geonames: null },
        attributes: { country: 'RU' },
        mentions: [],
      },
    ];
    const ev = (type: PoliticalEvent['type'], source: string[], target: string[]): PoliticalEvent => ({
      id: 'v',
      type,
      mode: null,
      context: [],
      source,
      target,
      date: null,
      date_end: null,
      location: null,
      trigger: { start: 0, end: 0, text: '' },
      evidence: { start: 0, end: 0 },
      confidence: 1,
    });
    const gold = [
      { type: 'CONSULT', source_actor: [{ code: 'JAP' }], target_actor: [{ code: 'RUS', country: 'RUS' }] },
      { type: null, source_actor: [{ code: 'USA' }], target_actor: [] },
    ];
    const c = scoreSentence([ev('CONSULT', ['e1'], ['e2']), ev('ASSAULT', ['e1'], [])], entities, gold);
    assert.deepEqual(c.type, [1, 1, 0]);
    assert.deepEqual(c.actor, [2, 0, 0]);
    assert.deepEqual(c.strict, [1, 1, 0]);
  });
});
