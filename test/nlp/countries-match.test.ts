import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCountryForms, splitWords } from '../../src/nlp/gazetteer/match.js';
import { splitSentences } from '../../src/nlp/sentences.js';
import { tokenize } from '../../src/nlp/tokenize.js';

function forms(text: string): string[] {
  const tokens = tokenize(text);
  const starts = new Set<number>();
  for (const s of splitSentences(text, tokens)) starts.add(tokens.findIndex((t) => t.start >= s.start));
  return findCountryForms(text, splitWords(tokens, true), tokens, starts).map(
    (h) => `${h.text}/${h.kind}/${h.country.iso2}`,
  );
}

test('country names, demonyms and capitals in running text', () => {
  assert.deepEqual(forms('The treaty was signed by Russia and North Korea in Pyongyang.'), [
    'Russia/country/RU',
    'North Korea/country/KP',
    'Pyongyang/capital/KP',
  ]);
  assert.deepEqual(forms('A Russian analyst told reporters that Americans were wary.'), [
    'Russian/demonym/RU',
    'Americans/demonym/US',
  ]);
});

test('compounds split at hyphens; lower-case prefixes are left alone', () => {
  assert.deepEqual(forms('The Moscow-Pyongyang treaty and the US-led alliance.'), [
    'Moscow/capital/RU',
    'Pyongyang/capital/KP',
    'US/country/US',
  ]);
  assert.deepEqual(forms('Russian-North Korean relations improved.'), [
    'Russian/demonym/RU',
    'North Korean/demonym/KP',
  ]);
  assert.deepEqual(forms('It was an anti-Russian alliance.'), []);
});

test('names inside longer names and lower-case words are not countries', () => {
  assert.deepEqual(forms('She studied at Moscow State University in New Jersey.'), []);
  assert.deepEqual(forms('They ate turkey with us in china bowls.'), []);
  assert.deepEqual(forms('The U.S. and the UK agreed.'), ['U.S./country/US', 'UK/country/GB']);
});
