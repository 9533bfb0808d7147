import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textToArticle } from '../../src/article/text/layout.js';
import type { Entity } from '../../src/document.js';
import { annotate } from '../../src/pipeline.js';
import { fixture } from '../helpers.js';

// The seed article through the real pipeline (tagger + entities): what issue 3 asks of it.
const doc = annotate(
  textToArticle(fixture('seed-article.txt'), { published: null, title: null }, null),
  'seed',
  {
    now: new Date(0),
    until: 'entities',
  },
);
const named = (name: string): Entity => {
  const e = doc.entities.find((x) => x.name === name);
  assert.ok(e, `no entity ${name}: ${doc.entities.map((x) => x.name).join(', ')}`);
  return e;
};
const texts = (e: Entity) => e.mentions.map((m) => m.text);

test('seed (tagger + entities): Putin, Kim and Lobov with their variants', () => {
  const putin = named('Vladimir Putin');
  assert.ok(putin.mentions.length >= 6 && texts(putin).includes('Putin'), texts(putin).join('|'));
  const kim = named('Kim Jong Un');
  assert.ok(kim.mentions.length >= 6 && texts(kim).includes('Kim'), texts(kim).join('|'));
  const lobov = named('Roman Lobov');
  for (const t of ['Lobov', 'the expert', 'a Russian analyst', 'He', 'his', 'he'])
    assert.ok(texts(lobov).includes(t), `${t}: ${texts(lobov)}`);
  assert.equal(lobov.attributes.affiliation, 'Russian Institute for Strategic Studies');
  assert.equal(putin.attributes.title, 'President');
  assert.equal(putin.attributes.country, 'RU');
  assert.equal(kim.attributes.country, 'KP');
});

test('seed (tagger + entities): countries, locations, organisations', () => {
  const iso = (code: string) => doc.entities.find((e) => e.ids.iso === code);
  for (const [code, name] of [
    ['RU', 'Russia'],
    ['KP', 'North Korea'],
    ['US', 'United States'],
    ['KR', 'South Korea'],
    ['JP', 'Japan'],
    ['SU', 'Soviet Union'],
  ])
    assert.equal(iso(code)?.name, name, code);
  assert.ok(texts(iso('US')!).includes('US'));
  assert.equal(named('Korean Peninsula').type, 'LOC');
  assert.equal(doc.entities.find((e) => e.name.includes('Tumannaya'))?.type, 'LOC');
  assert.equal(named('TASS').type, 'ORG');
  assert.equal(named('Russian Institute for Strategic Studies').type, 'ORG');
});
