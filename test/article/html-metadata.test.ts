import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { cleanByline, splitAuthors } from '../../src/article/html/byline.js';
import { dateFromUrl, normaliseDate, notInFuture } from '../../src/article/html/dates.js';
import { normaliseLanguage, readMetadata } from '../../src/article/html/metadata.js';
import { scanPage } from '../../src/article/html/scan.js';

function meta(html: string) {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  return readMetadata(doc, scanPage(doc));
}

describe('publisher dates', () => {
  it('normalises the shapes publishers write to ISO 8601', () => {
    assert.equal(normaliseDate('2019-11-19T10:29:20+00:00'), '2019-11-19T10:29:20+00:00');
    assert.equal(normaliseDate('2019-11-19 10:29:20'), '2019-11-19T10:29:20');
    assert.equal(normaliseDate('2019-11-19T10:29:20.123Z'), '2019-11-19T10:29:20Z');
    assert.equal(normaliseDate('2019-11-19T10:29+0100'), '2019-11-19T10:29:00+01:00');
    assert.equal(normaliseDate('2019-11-19'), '2019-11-19');
    assert.equal(normaliseDate('20191119'), '2019-11-19');
    assert.equal(normaliseDate('November 19, 2019'), '2019-11-19');
    assert.equal(normaliseDate('Tue, 19 Nov 2019 10:29:20 GMT'), '2019-11-19T10:29:20Z');
    assert.equal(normaliseDate('1574159360'), '2019-11-19T10:29:20Z');
  });

  it('refuses what is not a date', () => {
    for (const s of ['', 'yesterday', '2019-02-30', 'page 2 of 3', '12345'])
      assert.equal(normaliseDate(s), null, s);
  });

  it('reads a day from the URL path', () => {
    assert.equal(dateFromUrl('https://example.com/2019/11/19/some-story/'), '2019-11-19');
    assert.equal(dateFromUrl('https://example.com/news/2019-11-19-some-story.html'), '2019-11-19');
    assert.equal(dateFromUrl('https://example.com/world/20191119/story'), '2019-11-19');
    assert.equal(dateFromUrl('https://example.com/story-14848164.php'), null);
    assert.equal(dateFromUrl('https://example.com/2019/13/45/x'), null);
    assert.equal(dateFromUrl('not a url'), null);
  });

  it('drops dates more than a day in the future', () => {
    const now = new Date('2024-06-21T12:00:00Z');
    assert.equal(notInFuture('2024-06-21', now), '2024-06-21');
    assert.equal(notInFuture('2024-06-22T06:00:00Z', now), '2024-06-22T06:00:00Z');
    assert.equal(notInFuture('2024-06-25', now), null);
    assert.equal(notInFuture('2024-06-25', undefined), '2024-06-25');
  });
});

describe('bylines', () => {
  it('cleans names: "By", "and", roles, handles, contact prompts, dates', () => {
    assert.deepEqual(splitAuthors('By Jane Doe and John Roe'), ['Jane Doe', 'John Roe']);
    assert.deepEqual(splitAuthors('Jane Doe | Email the author'), ['Jane Doe']);
    assert.deepEqual(splitAuthors('By Justine Coleman - 11/18/19 11:04 PM EST'), ['Justine Coleman']);
    assert.deepEqual(splitAuthors('Tom Krisher, AP Auto Writer'), ['Tom Krisher']);
    assert.deepEqual(splitAuthors('Maria Okonjo, Staff Reporter @mokonjo'), ['Maria Okonjo']);
    assert.deepEqual(splitAuthors('JANE DOE'), ['Jane Doe']);
    assert.deepEqual(splitAuthors('Associated Press'), []);
    assert.deepEqual(splitAuthors('https://example.com/staff/jane'), []);
  });

  it('merges several sources without repeating a name', () => {
    assert.deepEqual(cleanByline(['Jane Doe', 'By Jane Doe and Ali Khan', 'Reuters']), [
      'Jane Doe',
      'Ali Khan',
    ]);
  });

  it('leaves out the publisher, sites and labels', () => {
    assert.deepEqual(cleanByline(['Finian Cunningham. Sputnik International'], 'Sputnik'), [
      'Finian Cunningham',
    ]);
    assert.deepEqual(cleanByline(['Troy L. Smith, cleveland.com'], 'cleveland'), ['Troy L. Smith']);
    assert.deepEqual(cleanByline(['Text: Anna Berg'], null), ['Anna Berg']);
    assert.deepEqual(cleanByline(['The Water Coolest'], 'The Water Coolest'), []);
  });
});

describe('page metadata', () => {
  it('reads a NewsArticle nested in an array and OpenGraph as a fallback', () => {
    const m = meta(`<html lang="de-DE"><head>
      <meta property="og:site_name" content="Beispiel Zeitung">
      <meta property="og:description" content="OG description">
      <meta property="article:modified_time" content="2024-02-02T10:00:00Z">
      <script type="application/ld+json">[{"@type":"BreadcrumbList"},
        {"@type":["ReportageNewsArticle"],"headline":"Headline from LD","datePublished":"2024-02-01",
         "author":{"@type":"Person","name":"Erika Muster"}}]</script>
      </head><body></body></html>`);
    assert.equal(m.headline, 'Headline from LD');
    assert.deepEqual(m.published.slice(0, 1), ['2024-02-01']);
    assert.deepEqual(m.modified, ['2024-02-02T10:00:00Z']);
    assert.equal(m.description, 'OG description');
    assert.equal(m.publisher, 'Beispiel Zeitung');
    assert.equal(m.language, 'de');
    assert.deepEqual(m.authors[0], ['Erika Muster']);
  });

  it('survives broken JSON-LD and reads Dublin Core, <time> and microdata', () => {
    const m = meta(`<html><head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "broken</script>
      <meta name="dc.creator" content="Ana Lima">
      <meta name="DC.date.issued" content="2023-05-06">
      </head><body><article><time datetime="2023-05-06T08:00:00Z">6 May</time>
      <span itemprop="author" itemscope><span itemprop="name">Rui Costa</span></span></article></body></html>`);
    assert.equal(m.headline, null);
    assert.equal(m.published[0], '2023-05-06');
    assert.ok(m.published.includes('2023-05-06T08:00:00Z'));
    assert.deepEqual(cleanByline(m.authors[1]), ['Ana Lima']);
    assert.deepEqual(cleanByline(m.authors[2]), ['Rui Costa']);
  });

  it('normalises language tags', () => {
    assert.equal(normaliseLanguage('en-US'), 'en');
    assert.equal(normaliseLanguage('pt_BR'), 'pt');
    assert.equal(normaliseLanguage('English'), 'en');
    assert.equal(normaliseLanguage(''), null);
  });
});
