import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnnotatedDocument } from '../../src/document.js';
import { provisionKind } from '../../src/extract/agreements/provisions.js';
import { agreementsStage } from '../../src/extract/agreements/stage.js';
import { countryOf, eventsStage } from '../../src/extract/events/stage.js';
import { fromText } from '../../src/ingest/input.js';
import { analyze } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';
import { CHILE, docWith, FRANCE, GERMANY, names, PERU } from './events-helpers.js';

function isos(doc: AnnotatedDocument, ids: string[]): string[] {
  return ids
    .map((id) => doc.entities.find((e) => e.id === id))
    .map((e) => (e ? countryOf(e) : null))
    .filter((x): x is string => !!x)
    .sort();
}

describe('agreements: provisions', () => {
  it('classifies provision text', () => {
    assert.equal(
      provisionKind('immediate military assistance in case of aggression against either party'),
      'mutual-defence',
    );
    assert.equal(provisionKind('cooperation in medicine'), 'medicine');
    assert.equal(provisionKind('the construction of a road bridge'), 'infrastructure');
    assert.equal(provisionKind('lower tariffs on steel exports'), 'trade');
  });
});

describe('agreements: grammar', () => {
  const text =
    'France and Germany signed a treaty on energy cooperation in Paris on 12 March 2023. ' +
    'The treaty provides for joint investment in hydrogen pipelines. ' +
    'It builds on the agreements reached in 1963 and 2019.';
  const doc = docWith(text, [FRANCE, GERMANY, { names: ['Paris'], type: 'GPE', country: 'FR' }]);

  it('names the agreement by its noun phrase and finds parties, date, place and status', () => {
    assert.equal(doc.agreements.length, 1);
    const a = doc.agreements[0];
    assert.equal(a.name, 'treaty on energy cooperation');
    assert.deepEqual(names(doc, a.parties).sort(), ['France', 'Germany']);
    assert.equal(a.date, '2023-03-12');
    assert.equal(names(doc, [a.place as string])[0], 'Paris');
    assert.equal(a.status, 'signed');
  });

  it('"the treaty" corefers; provisions come from "provides for"', () => {
    const a = doc.agreements[0];
    assert.ok(a.provisions.some((p) => p.text === 'joint investment in hydrogen pipelines'));
    for (const p of a.provisions) assert.equal(text.slice(p.start, p.end), p.text);
    assert.equal(a.evidence.length, 3);
  });

  it('dated earlier agreements are references, not new agreements', () => {
    const a = doc.agreements[0];
    assert.equal(a.references.length, 1);
    assert.deepEqual(a.references[0].years, ['1963', '2019']);
  });

  it('signatories are the people who signed', () => {
    const d = docWith(
      'The accord was signed by Chilean Foreign Minister Ana Rojas and her Peruvian counterpart Luis Vega.',
      [
        { names: ['Ana Rojas'], type: 'PERSON', country: 'CL' },
        { names: ['Luis Vega'], type: 'PERSON', country: 'PE' },
        CHILE,
        PERU,
      ],
    );
    const a = d.agreements[0];
    assert.deepEqual(names(d, a.signatories), ['Ana Rojas', 'Luis Vega']);
    assert.deepEqual(names(d, a.parties).sort(), ['Chile', 'Peru']);
  });

  it('status: suspended and withdrawn', () => {
    const d = docWith('Peru suspended the fisheries agreement with Chile.', [PERU, CHILE]);
    assert.equal(d.agreements[0].status, 'suspended');
    assert.deepEqual(names(d, d.agreements[0].parties).sort(), ['Chile', 'Peru']);
    const w = docWith('The United States withdrew from the Paris climate accord in 2020.', [
      { names: ['United States'], type: 'GPE', iso: 'US' },
      { names: ['Paris'], type: 'GPE', country: 'FR' },
    ]);
    assert.equal(w.agreements[0].status, 'withdrawn');
    assert.deepEqual(names(w, w.agreements[0].parties), ['United States']);
    assert.equal(w.agreements[0].place, null);
  });

  it('list-form agreements are one per item; "It provides for" adds a provision', () => {
    const d = docWith(
      'Chile and Peru signed agreements on cooperation in the fields of energy, mining and education on 2 May 2022. It provides for joint research on lithium.',
      [CHILE, PERU],
    );
    const kinds = d.agreements.map((a) => a.provisions[0]?.kind);
    assert.equal(d.agreements.length, 3, JSON.stringify(d.agreements.map((a) => a.name)));
    assert.equal(kinds[0], 'energy');
    assert.equal(kinds[2], 'education');
    for (const a of d.agreements) assert.deepEqual(names(d, a.parties).sort(), ['Chile', 'Peru']);
    assert.ok(d.agreements.some((a) => a.provisions.some((p) => p.text === 'joint research on lithium')));
  });

  it('a dated agreement with no other in its sentence is its own agreement', () => {
    const d = docWith('Germany and France signed the Elysee Treaty in 1963.', [GERMANY, FRANCE]);
    assert.equal(d.agreements.length, 1);
    assert.equal(d.agreements[0].date, '1963');
    assert.equal(d.agreements[0].references.length, 0);
  });

  it('no agreements or events for a document in another language', () => {
    const d = docWith('Chile and Peru signed an agreement.', [CHILE, PERU]);
    assert.equal(d.agreements.length, 1);
    const es = { ...d, article: { ...d.article, language: 'es' } };
    const ctx = { now: new Date(0), referenceDate: null };
    assert.deepEqual(agreementsStage.run(es, ctx).agreements, []);
    assert.deepEqual(eventsStage.run(es, ctx).events, []);
  });

  it('a failed negotiation is not an agreement', () => {
    const d = docWith('Chile and Peru failed to reach agreement on the border.', [CHILE, PERU]);
    assert.equal(d.agreements.length, 0);
  });
});

describe('agreements: seed article (whole pipeline)', () => {
  const doc = analyze(fromText(fixture('seed-article.txt'), 'seed', {}), {
    now: new Date('2025-01-01T00:00:00Z'),
  });
  const treaty = doc.agreements.find((a) => a.name === 'treaty on comprehensive strategic partnership');
  const byName = (id: string | null) => doc.entities.find((e) => e.id === id)?.name;

  it('the treaty on comprehensive strategic partnership', () => {
    assert.ok(treaty, JSON.stringify(doc.agreements.map((a) => a.name)));
    assert.deepEqual(isos(doc, treaty.parties), ['KP', 'RU']);
    assert.deepEqual(treaty.signatories.map(byName).sort(), ['Kim Jong Un', 'Vladimir Putin']);
    assert.equal(treaty.date, '2024-06-19');
    assert.equal(byName(treaty.place), 'Pyongyang');
    assert.equal(treaty.status, 'signed');
  });

  it('its mutual-defence provision and references to 1961 and 2000', () => {
    assert.ok(treaty);
    const p = treaty.provisions.find((x) => x.kind === 'mutual-defence' || x.kind === 'military-assistance');
    assert.ok(p);
    assert.match(
      p.text,
      /immediate military assistance in case of any aggression against either of the parties/,
    );
    const years = treaty.references.flatMap((r) => r.years);
    assert.ok(years.includes('1961') && years.includes('2000'));
  });

  it('the medical and science agreements and the Tumannaya bridge deal', () => {
    const kinds = doc.agreements.flatMap((a) => a.provisions.map((p) => p.kind));
    assert.ok(kinds.includes('medicine'));
    assert.ok(kinds.includes('science'));
    const bridge = doc.agreements.find((a) => /bridge across the River Tumannaya/.test(a.name));
    assert.ok(bridge);
    assert.deepEqual(isos(doc, bridge.parties), ['KP', 'RU']);
  });

  it('every agreement links to evidence sentences', () => {
    for (const a of doc.agreements) {
      assert.ok(a.evidence.length > 0);
      for (const e of a.evidence)
        assert.ok(doc.sentences.some((s) => s.start === e.start && s.end === e.end));
    }
  });
});
