import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allCountries,
  countryByCapital,
  countryByCode,
  countryByDemonym,
  countryByIso2,
  countryByName,
} from '../../src/nlp/gazetteer/countries.js';

test('country names, short forms and aliases', () => {
  for (const [s, iso] of [
    ['US', 'US'],
    ['U.S.', 'US'],
    ['United States', 'US'],
    ['the United States', 'US'],
    ['America', 'US'],
    ['North Korea', 'KP'],
    ['DPRK', 'KP'],
    ['South Korea', 'KR'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['Japan', 'JP'],
    ['Israel', 'IL'],
    ['Guatemala', 'GT'],
    ['Myanmar', 'MM'],
    ['Burma', 'MM'],
    ['Britain', 'GB'],
    ['UK', 'GB'],
    ["Côte d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['IRAN', 'IR'],
    ['Soviet Union', 'SU'],
    ['USSR', 'SU'],
  ] as const) {
    assert.equal(countryByName(s)?.iso2, iso, s);
  }
  const su = countryByName('Soviet Union');
  assert.equal(su?.iso3, 'SUN');
  assert.equal(su?.name, 'Soviet Union');
});

test('lower-case English words are not countries', () => {
  assert.equal(countryByName('us'), null);
  assert.equal(countryByName('turkey'), null);
  assert.equal(countryByName('Turkey')?.iso2, 'TR');
  assert.equal(countryByName('Korea'), null, 'ambiguous: no guess');
});

test('demonyms', () => {
  assert.equal(countryByDemonym('North Korean')?.iso2, 'KP');
  assert.equal(countryByDemonym('Russian')?.iso2, 'RU');
  assert.equal(countryByDemonym('Americans')?.iso2, 'US');
  assert.equal(countryByDemonym('Chinese')?.iso2, 'CN');
  assert.equal(countryByDemonym('British')?.iso2, 'GB');
  assert.equal(countryByDemonym('Israeli')?.iso2, 'IL');
  assert.equal(countryByDemonym('Soviet')?.iso2, 'SU');
  assert.equal(countryByDemonym('German')?.iso2, 'DE');
  assert.equal(countryByDemonym('Western'), null);
});

test('capitals stand for their countries', () => {
  for (const [s, iso] of [
    ['Moscow', 'RU'],
    ['Pyongyang', 'KP'],
    ['Washington', 'US'],
    ['Beijing', 'CN'],
    ['Kyiv', 'UA'],
    ['Kiev', 'UA'],
    ['Seoul', 'KR'],
    ['Tokyo', 'JP'],
    ['Jerusalem', 'IL'],
    ['Belgrade', 'RS'],
    ['Prague', 'CZ'],
  ] as const) {
    assert.equal(countryByCapital(s)?.iso2, iso, s);
  }
});

test('ISO, CAMEO and historical codes', () => {
  assert.equal(countryByCode('JAP')?.iso2, 'JP');
  assert.equal(countryByCode('JPN')?.iso2, 'JP');
  assert.equal(countryByCode('RUS')?.iso2, 'RU');
  assert.equal(countryByCode('PRK')?.iso2, 'KP');
  assert.equal(countryByCode('USR')?.iso2, 'SU');
  assert.equal(countryByCode('SUN')?.iso2, 'SU');
  assert.equal(countryByCode('ISR')?.iso2, 'IL');
  assert.equal(countryByCode('GTM')?.iso2, 'GT');
  assert.equal(countryByCode('MMR')?.iso2, 'MM');
  assert.equal(countryByCode('FRA')?.iso2, 'FR');
  assert.equal(countryByCode('GBR')?.iso2, 'GB');
  assert.equal(countryByCode('IGO'), null);
  assert.equal(countryByIso2('kp')?.iso3, 'PRK');
});

test('records carry codes, capital and coordinates', () => {
  const all = allCountries();
  assert.ok(all.length >= 250);
  const il = countryByIso2('IL')!;
  assert.equal(il.iso3, 'ISR');
  assert.equal(il.cameo, 'ISR');
  assert.equal(il.capital, 'Jerusalem');
  const gt = countryByIso2('GT')!;
  assert.equal(gt.iso3, 'GTM');
  assert.ok(gt.demonyms.includes('Guatemalan'));
  const mm = countryByIso2('MM')!;
  assert.equal(mm.iso3, 'MMR');
  const jp = countryByIso2('JP')!;
  assert.equal(jp.iso3, 'JPN');
  assert.ok(Math.abs(jp.lat - 36) < 5 && Math.abs(jp.lon - 138) < 5);
  for (const c of all) {
    assert.match(c.iso2, /^[A-Z]{2}$/);
    assert.match(c.iso3, /^[A-Z]{3}$/);
    assert.ok(Number.isFinite(c.lat) && Number.isFinite(c.lon), c.name);
  }
});
