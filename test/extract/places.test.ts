import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotatedDocument, Entity } from '../../src/document.js';
import { emptyCounts, predictedToponyms, scoreDocument } from '../../src/evaluate/geo.js';
import { distanceKm, loadGazetteer, placesByName } from '../../src/extract/places/gazetteer.js';
import { findStateAbbreviations } from '../../src/extract/places/us-states.js';
import { analyze } from '../../src/pipeline.js';
import { toAnalyzedDocument } from '../../src/serialize.js';
import { fixture } from '../helpers.js';

// The sentences below were written for these tests; the seed article is the project's fixture (see ATTRIBUTION.md).

function run(text: string): AnnotatedDocument {
  return analyze(
    {
      id: 't',
      origin: 'test',
      url: null,
      format: 'text',
      content: text,
      published: '2024-06-21',
      title: null,
    },
    { now: new Date('2024-06-21T12:00:00Z') },
  );
}

/** The entity with a mention of `name` where it occurs inside the first occurrence of `context` (default: name). */
function placeAt(doc: AnnotatedDocument, name: string, context = name): Entity {
  const c = doc.text.indexOf(context);
  assert.ok(c >= 0, `"${context}" is in the text`);
  const at = doc.text.indexOf(name, c);
  const covering = doc.entities.filter((x) =>
    x.mentions.some((m) => m.start <= at && m.end >= at + name.length),
  );
  // A place inside an organisation's name: the place's own entity, not the organisation's.
  const e = covering.find((x) => x.attributes.lat !== undefined) ?? covering[0];
  assert.ok(e, `an entity has a mention of "${name}" at ${at}`);
  return e;
}

describe('place gazetteer', () => {
  // Load time is measured in `npm run bench load`, not asserted here.
  it('loads and finds places, divisions, counties and countries', () => {
    const g = loadGazetteer();
    assert.ok(g.places > 100000);
    const kinds = new Set(placesByName('Georgia').map((p) => `${p.kind}:${p.country}`));
    assert.ok(kinds.has('country:GE'));
    assert.ok(kinds.has('admin1:US'));
    assert.ok(placesByName('Cook County').some((p) => p.kind === 'county' && p.admin1 === 'IL'));
    const pyongyang = placesByName('Pyongyang').find((p) => p.featureCode === 'PPLC');
    assert.ok(pyongyang && distanceKm(pyongyang.lat, pyongyang.lon, 39.03, 125.75) < 20);
  });

  it('reads AP-style state abbreviations and postal codes after "City, "', () => {
    const found = findStateAbbreviations(
      'He lives in Charleston, W.Va., and works in Austin, TX, not in Ga.',
    );
    assert.deepEqual(
      found.map((f) => [f.text, f.state]),
      [
        ['W.Va.', 'WV'],
        ['TX', 'TX'],
        ['Ga.', 'GA'],
      ],
    );
  });
});

describe('places stage', () => {
  it('resolves the seed article: Pyongyang, Moscow, the dateline', () => {
    const doc = run(fixture('seed-article.txt'));
    const pyongyang = placeAt(doc, 'Pyongyang', 'Pyongyang on June 19');
    assert.equal(pyongyang.attributes.country, 'KP');
    assert.ok(typeof pyongyang.ids.geonames === 'number');
    assert.ok(
      distanceKm(pyongyang.attributes.lat as number, pyongyang.attributes.lon as number, 39.03, 125.75) < 20,
    );
    const moscow = placeAt(doc, 'Moscow', 'Moscow and Pyongyang');
    assert.equal(moscow.attributes.country, 'RU');
    assert.ok(
      distanceKm(moscow.attributes.lat as number, moscow.attributes.lon as number, 55.75, 37.62) < 30,
    );
    const dl = doc.article.dateline;
    assert.ok(dl?.geo, 'the dateline place is resolved');
    assert.equal(dl.geo.country, 'RU');
    assert.ok(distanceKm(dl.geo.lat, dl.geo.lon, 55.75, 37.62) < 30);
    // Countries carry their ISO code and a point.
    const russia = placeAt(doc, 'Russia', 'Russia and North Korea');
    assert.equal(russia.attributes.country, 'RU');
    assert.equal(typeof russia.attributes.lat, 'number');
    // "Northeastern Asia" is not Iceland's Northeastern Region.
    assert.ok(!doc.entities.some((e) => e.attributes.country === 'IS'));
    // One entity per place: every mention of Pyongyang is on the same entity.
    const ids = new Set(
      doc.entities.filter((e) => e.mentions.some((m) => m.text === 'Pyongyang')).map((e) => e.id),
    );
    assert.equal(ids.size, 1);
  });

  it('tells Paris, Texas from Paris, France', () => {
    const tx = run('The festival drew visitors to Paris, Texas, on Saturday.');
    assert.equal(placeAt(tx, 'Paris').attributes.country, 'US');
    assert.equal(placeAt(tx, 'Paris').attributes.admin1, 'Texas');
    const fr = run('French officials met in Paris on Monday, and later flew from France to Berlin.');
    assert.equal(placeAt(fr, 'Paris').attributes.country, 'FR');
  });

  it('reads Georgia as the US state or the country from its context', () => {
    const us = run('The company moved its headquarters to Atlanta, Georgia, last year.');
    const ga = placeAt(us, 'Georgia');
    assert.equal(ga.attributes.country, 'US');
    assert.equal(ga.attributes.featureClass, 'A');
    assert.equal(placeAt(us, 'Atlanta').attributes.admin1, 'Georgia');
    const ge = run('The delegation arrived in Tbilisi, Georgia, for talks with the government.');
    assert.equal(placeAt(ge, 'Georgia').attributes.country, 'GE');
    assert.equal(placeAt(ge, 'Tbilisi').attributes.country, 'GE');
  });

  it('finds counties and states, also inside the names of institutions', () => {
    const doc = run('A judge in Cook County, Illinois, ruled on Tuesday. The Ohio Supreme Court disagreed.');
    const cook = placeAt(doc, 'Cook County');
    assert.equal(cook.attributes.country, 'US');
    assert.equal(cook.attributes.admin1, 'Illinois');
    assert.ok(distanceKm(cook.attributes.lat as number, cook.attributes.lon as number, 41.84, -87.82) < 60);
    assert.equal(placeAt(doc, 'Ohio').attributes.admin1, 'Ohio');
  });

  it('reads AP state abbreviations, "X state" and lists of states', () => {
    const wv = run('The plant in Charleston, W.Va., closed on Friday.');
    assert.equal(placeAt(wv, 'Charleston').attributes.admin1, 'West Virginia');
    const wa = run('The cow came from a Washington state farm, officials said.');
    assert.equal(placeAt(wa, 'Washington').attributes.featureCode, 'ADM1');
    const list = run('Cases were found in Utah, Washington, Pennsylvania and California.');
    const w = placeAt(list, 'Washington');
    assert.equal(w.attributes.featureCode, 'ADM1');
    assert.ok((w.attributes.lon as number) < -115, 'Washington the state, in the west');
  });

  it('does not take months or personal names for places', () => {
    const doc = run('The meeting is on March 7. Chiquita Raquel Henry spoke.');
    const march = doc.entities.find((e) => e.mentions.some((m) => m.text === 'March'));
    assert.equal(march?.attributes.lat, undefined);
    const henry = doc.entities.find((e) => e.mentions.some((m) => m.text === 'Henry'));
    assert.equal(henry?.attributes.lat, undefined);
  });
});

describe('geo scorer', () => {
  it('matches toponyms exactly and by overlap, one to one, and measures the distance', () => {
    const c = emptyCounts();
    const gold = [
      { text: 'Paris', start: 0, end: 5, lat: 48.85, lon: 2.35 },
      { text: 'Texas', start: 10, end: 15, lat: 31.25, lon: -99.25 },
      { text: 'Ohio', start: 20, end: 24 },
    ];
    const pred = [
      { start: 0, end: 5, text: 'Paris', lat: 48.86, lon: 2.35, entity: 'e1' },
      { start: 9, end: 15, text: ' Texas', lat: 33.66, lon: -95.55, entity: 'e2' },
      { start: 30, end: 34, text: 'Mars', lat: null, lon: null, entity: 'e3' },
    ];
    scoreDocument(gold, pred, c);
    assert.equal(c.gold, 3);
    assert.equal(c.pred, 3);
    assert.equal(c.exact, 1);
    assert.equal(c.overlapGold, 2);
    assert.equal(c.withCoords, 2);
    assert.equal(c.within161, 1);
  });

  it('reads place entities from an analysed document', () => {
    const doc = toAnalyzedDocument(run('Officials in Nairobi, Kenya, confirmed the cases.'));
    const tops = predictedToponyms(doc);
    assert.ok(tops.some((t) => t.text === 'Nairobi' && t.lat !== null));
    assert.ok(tops.some((t) => t.text === 'Kenya'));
  });
});
