import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestPastMention, matchDateline, resolveDatelineDate } from '../../src/article/text/dateline.js';
import { textToArticle } from '../../src/article/text/layout.js';
import { fixture } from '../helpers.js';

describe('wire copy layout', () => {
  const text = fixture('seed-article.txt');
  const a = textToArticle(text, { published: null, title: null });

  it('finds the headline past the navigation crumb', () => {
    assert.equal(
      a.layout.title?.text,
      'Moscow-Pyongyang strategic partnership treaty to counterbalance US’ actions — expert',
    );
    assert.equal(text.slice(a.layout.title!.start, a.layout.title!.end), a.layout.title!.text);
  });

  it('finds the standfirst and the TASS dateline with an inferred year', () => {
    assert.match(a.layout.lede!.text, /^The document provides for immediate military assistance/);
    const d = a.layout.dateline!;
    assert.equal(d.text, 'MOSCOW, June 21. /TASS/.');
    assert.deepEqual([d.place, d.agency, d.date, d.dateInferred], ['Moscow', 'TASS', '2024-06-21', true]);
    assert.equal(a.layout.published, '2024-06-21');
  });

  it('keeps "All news" out of the body and ends it at the last sentence', () => {
    const body = text.slice(a.layout.body!.start, a.layout.body!.end);
    assert.ok(body.startsWith('The treaty on comprehensive strategic partnership inked'));
    assert.ok(body.endsWith('on the border between the two countries.'));
    assert.ok(!body.includes('All news'));
  });

  it('turns the subhead into the one section', () => {
    assert.deepEqual(
      a.layout.sections.map((s) => s.heading),
      ['About Putin’s visit to North Korea'],
    );
    assert.equal(a.layout.sections[0].end, a.layout.body!.end);
  });

  it('takes the year from --published when given, nearest to it', () => {
    const b = textToArticle(text, { published: '2025-01-03', title: null });
    assert.equal(b.layout.dateline?.date, '2024-06-21');
    const c = textToArticle(text, { published: '2024-06-22T10:00:00Z', title: null });
    assert.equal(c.layout.dateline?.date, '2024-06-21');
    assert.equal(c.layout.published, '2024-06-22T10:00:00Z');
  });
});

describe('datelines as agencies write them', () => {
  const cases: [string, string | null, string | null, number | null, number | null][] = [
    ['WASHINGTON (Reuters) - The Senate voted on Tuesday.', 'Washington', 'Reuters', null, null],
    ['LONDON, Aug 29 (Reuters) - Sterling rose.', 'London', 'Reuters', 8, 29],
    ['PARIS (AP) — Police said on Monday.', 'Paris', 'AP', null, null],
    ['BEIJING, June 3 (Xinhua) -- China and Russia agreed.', 'Beijing', 'Xinhua', 6, 3],
    ['NEW YORK, March 3, 2024 /PRNewswire/ -- A company said.', 'New York', 'PRNewswire', 3, 3],
    ['KYIV, Ukraine (AP) — Explosions were heard.', 'Kyiv', 'AP', null, null],
    ['Paris (AFP) - France said.', 'Paris', 'AFP', null, null],
    ['TOKYO — Japan’s prime minister said.', 'Tokyo', null, null, null],
    ['GENEVA, 12 May (IPS) - Talks resumed.', 'Geneva', 'IPS', 5, 12],
  ];
  for (const [line, place, agency, month, day] of cases) {
    it(line.slice(0, 40), () => {
      const m = matchDateline(line, 0);
      assert.ok(m, 'no dateline');
      assert.deepEqual([m.place, m.agency, m.month, m.day], [place, agency, month, day]);
      assert.ok(/^[\s]*\S/.test(line.slice(m.end)));
    });
  }

  it('does not take an ordinary sentence for a dateline', () => {
    assert.equal(matchDateline('The US said on Monday - in a statement - that it agreed.', 0), null);
    assert.equal(matchDateline('Russia and North Korea signed a treaty.', 0), null);
  });

  it('keeps a written year and refuses an impossible day', () => {
    const m = matchDateline('NEW YORK, Feb 30, 2023 (Reuters) - Text.', 0)!;
    assert.equal(resolveDatelineDate(m, null, '').date, null);
  });

  it('reads only past mentions as a lower bound for the year', () => {
    assert.deepEqual(
      latestPastMention('He visited Russia in September 2023. The summit will be held in 2030.'),
      {
        year: 2023,
        month: 9,
        day: null,
      },
    );
  });
});
