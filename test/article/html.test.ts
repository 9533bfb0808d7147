import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlToArticle } from '../../src/article/html/index.js';
import type { Article } from '../../src/document.js';
import { fixture } from '../helpers.js';

const NOW = new Date('2031-03-06T12:00:00Z');

function load(name: string, now: Date | undefined = NOW): Article {
  return htmlToArticle(fixture(`html/${name}`), { url: null, published: null, title: null, now });
}

function body(a: Article): string {
  const b = a.layout.body;
  return b ? a.text.slice(b.start, b.end) : '';
}

describe('HTML article: a full news page', () => {
  const a = load('harbour-treaty.html');
  const text = body(a);

  it('takes the visible headline and the standfirst shown under it, outside the body', () => {
    assert.equal(a.layout.title?.text, 'Coastal states sign harbour safety pact');
    assert.equal(a.text.slice(a.layout.title!.start, a.layout.title!.end), a.layout.title!.text);
    assert.match(a.layout.lede?.text ?? '', /^Five coastal states agreed on Tuesday/);
    assert.ok(a.layout.lede!.end <= a.layout.body!.start);
    assert.ok(!text.includes('run joint rescue drills.'), 'the standfirst is not repeated in the body');
  });

  it('keeps the story and its in-body quote and list items', () => {
    assert.match(text, /^Five coastal states signed an agreement on Tuesday/);
    assert.match(text, /shop around for a friendly port/);
    assert.match(text, /joint rescue drills in spring and autumn/);
    assert.match(text, /It is a modest start/);
    assert.match(text, /crowded ports\.$/);
  });

  it('drops captions, credits, advertising, related links, newsletter, share bar, bio, comments', () => {
    for (const junk of [
      'Container ships wait',
      'Marta Lind',
      'Advertisement',
      'Ferry operators face stricter checks',
      'Related',
      'Morning Briefing',
      'Sign up for our newsletter',
      'Tweet',
      'maritime correspondent',
      'Be the first to comment',
      'All rights reserved',
      'Additional reporting by',
      'Business',
    ])
      assert.ok(!text.includes(junk), `"${junk}" is not body`);
  });

  it('turns in-body subheads into sections that run to the next heading', () => {
    assert.deepEqual(
      a.layout.sections.map((s) => s.heading),
      ['Why inspections matter', 'What comes next'],
    );
    const [first, second] = a.layout.sections;
    assert.ok(a.text.slice(first.start, first.end).startsWith('Why inspections matter'));
    assert.ok(a.text.slice(first.start, first.end).endsWith('a shared hotline for coastguard commanders.'));
    assert.equal(second.end, a.layout.body!.end);
  });

  it('separates blocks with blank lines so words never glue together', () => {
    // The source has </p><p> with no whitespace between these two paragraphs.
    assert.match(text, /smaller fishing boats\.\n\nNegotiators said/);
    assert.ok(!/boats\.Negotiators/.test(a.text));
    assert.doesNotMatch(a.text, /\n{3,}/);
  });

  it('recognises a dateline that opens the first paragraph and starts the body after it', () => {
    const d = a.layout.dateline;
    assert.ok(d);
    assert.equal(d.text, 'OSLO, March 4 (Ledger)');
    assert.equal(d.place, 'Oslo');
    assert.equal(d.date, '2031-03-04');
    assert.ok(a.layout.body!.start > d.end);
  });

  it('reads JSON-LD (@graph) for dates, authors, publisher and language', () => {
    assert.equal(a.layout.published, '2031-03-04T09:15:00+01:00');
    assert.equal(a.layout.modified, '2031-03-05T18:40:00+01:00', 'modified kept apart from published');
    assert.deepEqual(a.layout.byline, ['Ines Varga', 'Tomas Rell']);
    assert.equal(a.layout.publisher, 'The Northern Ledger');
    assert.equal(a.layout.language, 'en');
  });

  it('drops metadata dates later than a day past now', () => {
    const early = load('harbour-treaty.html', new Date('2031-03-02T00:00:00Z'));
    assert.equal(early.layout.modified, null);
    assert.notEqual(early.layout.published, '2031-03-04T09:15:00+01:00');
    const nextDay = load('harbour-treaty.html', new Date('2031-03-04T06:00:00Z'));
    assert.equal(nextDay.layout.published, '2031-03-04T09:15:00+01:00', 'within a day of now is kept');
    assert.equal(nextDay.layout.modified, null);
  });

  it('keeps the date as metadata gives it when no clock is passed', () => {
    const a2 = load('harbour-treaty.html', undefined);
    assert.equal(a2.layout.published, '2031-03-04T09:15:00+01:00');
  });
});

describe('HTML article: a page without JSON-LD', () => {
  const a = load('council-vote.html');
  const text = body(a);

  it('falls back to Parse.ly and Sailthru meta tags and cleans the byline', () => {
    assert.equal(a.layout.published, '2030-11-02T16:20:00Z');
    assert.deepEqual(a.layout.byline, ['Maria Okonjo']);
    assert.equal(a.layout.publisher, 'Riverside Courier');
    assert.equal(a.layout.title?.text, 'Council backs new tram line');
  });

  it('drops the byline line, inline "Read more", photo caption, agency credit and contact line', () => {
    assert.match(text, /^The city council voted 31 to 12/);
    assert.match(text, /vote on next month\.$/);
    assert.match(
      text,
      /Mayor Lena Marsh called the vote a turning point/,
      'a hover card goes, its link stays',
    );
    for (const junk of [
      'By Maria',
      'Read more',
      'Bus fares',
      'test run',
      'Getty',
      'can be reached',
      '48 articles',
    ])
      assert.ok(!text.includes(junk), `"${junk}" is not body`);
  });

  it('takes a paragraph set wholly in bold as a subhead', () => {
    assert.deepEqual(
      a.layout.sections.map((s) => s.heading),
      ['Who pays for it'],
    );
    assert.match(text, /Who pays for it\n\nThe regional government/);
  });

  it('guesses the language from the text when the page does not declare one', () => {
    assert.equal(a.layout.language, 'en');
    const ko = htmlToArticle(
      `<html><body><article><h1>서울 시장 선거</h1>${'<p>서울시는 오늘 새로운 교통 계획을 발표했다. 시민들은 대체로 환영하는 분위기다.</p>'.repeat(8)}</article></body></html>`,
      { url: null, published: null, title: null },
    );
    assert.equal(ko.layout.language, 'ko');
  });
});

describe('HTML article: reader comments', () => {
  it('a comments box beside the story goes whole, however long', () => {
    const para = (s: string) =>
      `<p>${s} The committee heard evidence from residents and engineers over three days of public sessions.</p>`;
    const comment = (n: number) =>
      `<div class="c-item"><span class="user">reader${n}</span><p>${'I think this is a terrible idea and the council should be ashamed of wasting our money. '.repeat(3)}</p></div>`;
    const html = `<html><body><div class="page"><div class="main"><h1>Bridge repairs approved</h1><div class="txt">${para('First.')}${para('Second.')}${para('Third.')}</div></div>
      <section id="talk"><h2>Reader comments</h2>${[1, 2, 3, 4, 5, 6, 7, 8].map(comment).join('')}</section></div></body></html>`;
    const a = htmlToArticle(html, { url: null, published: null, title: null });
    assert.match(body(a), /^First\./);
    assert.ok(!body(a).includes('terrible idea'));
    assert.ok(!body(a).includes('reader1'));
  });
});

describe('HTML article: the standfirst', () => {
  const story = (desc: string, lead: string) =>
    `<html><head><meta property="og:description" content="${desc}"></head><body><article><h1>Ferry fares rise</h1>${lead}
    <p>The operator said fuel costs had doubled since the spring and that the increase would apply to all routes from next month.</p>
    <p>Passenger groups said they would ask the regional council to review the operator's licence before the summer timetable.</p>
    <p>The council is expected to discuss the request at its meeting in two weeks, a spokeswoman said on Friday evening.</p></article></body></html>`;

  it('is no lede when the description is not shown on the page', () => {
    const a = htmlToArticle(story('Fares will rise by a fifth on all routes.', ''), {
      url: null,
      published: null,
      title: null,
    });
    assert.equal(a.layout.lede, null);
  });

  it('stays body when the description only repeats the first paragraph', () => {
    const first =
      'Ferry fares will rise by a fifth on all routes from next month, the operator announced on Friday.';
    const a = htmlToArticle(story(first, `<p>${first}</p>`), { url: null, published: null, title: null });
    assert.equal(a.layout.lede, null);
    assert.ok(body(a).startsWith(first));
  });

  it('is the lede, outside the body, when shown as a subtitle', () => {
    const dek = 'Fuel costs have doubled since the spring, the operator says.';
    const a = htmlToArticle(story(dek, `<h2 class="article-dek">${dek}</h2>`), {
      url: null,
      published: null,
      title: null,
    });
    assert.equal(a.layout.lede?.text, dek);
    assert.ok(!body(a).includes(dek));
  });
});

describe('HTML article: pages with no article', () => {
  it('a login page gives no body', () => {
    const a = load('login-page.html');
    assert.equal(a.layout.body, null);
  });

  it('a section index of links gives no body', () => {
    const a = load('section-index.html');
    assert.equal(a.layout.body, null);
  });

  it('empty, broken and binary-looking input does not crash', () => {
    for (const html of [
      '',
      '   ',
      '<<<>>><div><p>unclosed <b>bold <i>x</p></table></html>',
      '\u0000\u0001\uFFFD',
    ]) {
      const a = htmlToArticle(html, { url: null, published: null, title: null });
      assert.equal(a.layout.body, null);
      assert.equal(typeof a.text, 'string');
    }
  });

  it('paragraphs written with double <br> become blocks; source line ends are spaces', () => {
    const html = `<html><body><div id="story">The harbour master said the ships would wait until the storm passed.<br><br>Pilots refused to board vessels in the
      swell, and two ferries were cancelled for the evening.<br/>
      <br/>A spokesman said the port would reopen at dawn if the wind dropped, as forecast, and that cargo handling would resume.<br>A second line of that paragraph.</div></body></html>`;
    const a = htmlToArticle(html, { url: null, published: null, title: null });
    assert.deepEqual(body(a).split('\n\n'), [
      'The harbour master said the ships would wait until the storm passed.',
      'Pilots refused to board vessels in the swell, and two ferries were cancelled for the evening.',
      'A spokesman said the port would reopen at dawn if the wind dropped, as forecast, and that cargo handling would resume.\nA second line of that paragraph.',
    ]);
  });

  it('deeply nested markup (unclosed tags) neither crashes nor stalls', () => {
    const para = `<p>${'The river rose again overnight and closed the lower bridge. '.repeat(6)}</p>`;
    const html = `<html><body>${para}${'<b>'.repeat(20000)}${para}${para}</body></html>`;
    const t0 = Date.now();
    const a = htmlToArticle(html, { url: null, published: null, title: null });
    assert.ok(Date.now() - t0 < 10000);
    assert.equal(body(a).match(/The river rose again/g)?.length, 18);
  });

  it('a given title wins; a given date stands in only when the page has none', () => {
    const opts = {
      url: 'https://courier.example/tram',
      published: '2030-11-03',
      title: 'Tram line approved',
    };
    const a = htmlToArticle(fixture('html/council-vote.html'), opts);
    assert.equal(a.layout.title?.text, 'Tram line approved');
    assert.equal(a.layout.published, '2030-11-02T16:20:00Z');
    assert.equal(a.url, 'https://courier.example/tram');
    const bare = htmlToArticle(
      fixture('html/council-vote.html').replace(/<meta name="parsely-pub-date"[^>]*>/, ''),
      opts,
    );
    assert.equal(bare.layout.published, '2030-11-03');
  });
});
