import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { feedDate } from '../../src/ingest/sources/feed-dates.js';
import { parseFeed } from '../../src/ingest/sources/feed-parse.js';
import { fullContent } from '../../src/ingest/sources/feeds.js';
import { parseOpml } from '../../src/ingest/sources/opml-parse.js';
import { parseSitemap } from '../../src/ingest/sources/sitemap-parse.js';
import { sniffTextContainer } from '../../src/ingest/sources/sniff-container.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'feeds');
const read = (name: string) => readFileSync(join(FIX, name), 'utf8');

describe('feed parsing', () => {
  it('sniffs each container by content', () => {
    assert.equal(sniffTextContainer(read('rss2.xml')), 'rss');
    assert.equal(sniffTextContainer(read('rss1.rdf')), 'rdf');
    assert.equal(sniffTextContainer(read('atom.xml')), 'atom');
    assert.equal(sniffTextContainer(read('feed.json')), 'jsonfeed');
    assert.equal(sniffTextContainer(read('news-sitemap.xml')), 'urlset');
    assert.equal(sniffTextContainer(read('sitemap-index.xml')), 'sitemapindex');
    assert.equal(sniffTextContainer(read('subscriptions.opml')), 'opml');
    assert.equal(sniffTextContainer('<!doctype html><html><body><p>x</p></body></html>'), null);
    assert.equal(sniffTextContainer('{"text": "a record"}'), null);
  });

  it('RSS 2.0: full content, relative links, dates with their offset', () => {
    const f = parseFeed(read('rss2.xml'), 'rss', null);
    assert.equal(f.title, 'Harbour Gazette');
    assert.equal(f.entries.length, 2);
    const [a, b] = f.entries;
    assert.equal(a.link, 'https://news.example.org/2024/06/ferry-terminal?utm_source=rss');
    assert.equal(a.title, 'Port authority approves new ferry terminal');
    assert.equal(a.published, '2024-06-18T16:30:00+02:00');
    assert.ok(fullContent(a)?.body.startsWith('<p>VALLETTA'));
    assert.equal(
      b.link,
      'https://news.example.org/2024/06/parking-fees',
      'resolved against the channel link',
    );
    assert.equal(b.published, '2024-06-19T09:00:00+02:00');
    assert.equal(b.summary?.body, '<p>A short summary of the council debate.</p>');
    assert.equal(fullContent(b), null, 'a summary only: the link is fetched');
  });

  it('RSS 1.0 (RDF): items beside the channel', () => {
    const f = parseFeed(read('rss1.rdf'), 'rdf', null);
    assert.equal(f.title, 'Valley Weekly');
    assert.deepEqual(
      f.entries.map((e) => [e.link, e.title, e.published]),
      [['https://rdf.example.org/bridge', 'Bridge reopens after repairs', '2024-05-02T08:15:00Z']],
    );
  });

  it('Atom: xhtml content, alternate links, published before updated', () => {
    const f = parseFeed(read('atom.xml'), 'atom', null);
    const [a, b] = f.entries;
    assert.equal(a.link, 'https://atom.example.org/snow-pass');
    assert.equal(a.title, 'Snow closes the northern pass & two roads');
    assert.equal(a.published, '2024-03-05T07:45:00-07:00');
    assert.match(fullContent(a)?.body ?? '', /<p>DENVER, March 5/);
    assert.equal(b.published, '2024-03-04T10:00:00Z');
    assert.equal(b.content?.body, '<p>Short note.</p>', 'escaped html content decoded');
    assert.equal(fullContent(b), null, 'a teaser is not full content');
  });

  it('JSON Feed 1.1: content_text as text, content_html teaser ignored', () => {
    const f = parseFeed(read('feed.json'), 'jsonfeed', null);
    const [a, b] = f.entries;
    assert.equal(fullContent(a)?.format, 'text');
    assert.equal(a.published, '2024-04-10T14:00:00+01:00');
    assert.equal(fullContent(b), null);
  });

  it('malformed feeds say what is wrong', () => {
    assert.throws(() => parseFeed(read('malformed.xml'), 'rss', null), /not well-formed XML: .*line \d+/);
    assert.throws(
      () => parseFeed('{"version": "https://jsonfeed.org/version/1", ', 'jsonfeed', null),
      /not valid JSON/,
    );
    assert.throws(
      () => parseFeed('{"version": "https://jsonfeed.org/version/1"}', 'jsonfeed', null),
      /items/,
    );
  });

  it('news sitemaps, sitemap indexes and OPML', () => {
    const s = parseSitemap(read('news-sitemap.xml'), null);
    assert.deepEqual(s, {
      kind: 'urlset',
      pages: [
        {
          url: 'https://map.example.org/elections/turnout',
          title: 'Turnout rises in local elections',
          published: '2024-07-01T20:00:00+00:00',
        },
        { url: 'https://map.example.org/sports/final', title: null, published: '2024-07-02' },
      ],
    });
    assert.deepEqual(parseSitemap(read('sitemap-index.xml'), null), {
      kind: 'sitemapindex',
      sitemaps: [
        { url: 'https://map.example.org/sitemap-news.xml', lastmod: null },
        { url: 'https://map.example.org/sitemap-2024.xml', lastmod: '2024-07-02' },
      ],
    });
    assert.deepEqual(parseOpml(read('subscriptions.opml'), null), [
      'https://news.example.org/feed.xml',
      'https://atom.example.org/feed.atom',
      'https://json.example.org/feed.json',
    ]);
  });

  it('dates: RFC 822 and ISO keep the publisher offset; nonsense is null', () => {
    assert.equal(feedDate('Wed, 19 Jun 2024 10:00:00 +0900'), '2024-06-19T10:00:00+09:00');
    assert.equal(feedDate('Tue, 18 Jun 2024 22:00:00 EST'), '2024-06-18T22:00:00-05:00');
    assert.equal(feedDate('Wed, 19 Jun 2024 01:00:00 GMT'), '2024-06-19T01:00:00Z');
    assert.equal(feedDate('2024-02-30'), null);
    assert.equal(feedDate('soon'), null);
  });
});
