import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { TimeExpression } from '../../src/document.js';
import { analyzeTimes } from '../../src/evaluate/time.js';
import { isoWeek, parseReference } from '../../src/extract/times/calendar.js';
import { timesStage } from '../../src/extract/times/stage.js';
import { looksLikeYear, tagTimes } from '../../src/extract/times/tagger.js';
import { fixture } from '../helpers.js';

const REF = parseReference('2024-06-21'); // a Friday

function tag(text: string, ref = REF): TimeExpression[] {
  return tagTimes(text, ref);
}

/** "text → value" pairs, in order. */
function pairs(text: string, ref = REF): string[] {
  return tag(text, ref).map((t) => `${t.text} → ${t.value}`);
}

function valueAt(text: string, phrase: string, ref = REF): string | undefined {
  return tag(text, ref).find((t) => t.text === phrase)?.value;
}

describe('times: the seed article', () => {
  // layout (dateline "MOSCOW, June 21. /TASS/."), language stage, times stage: what analyze runs
  const text = fixture('seed-article.txt');
  const doc = { text, times: analyzeTimes(text, null) };
  const dates = doc.times.filter((t) => t.type === 'DATE');
  const find = (text: string) => dates.filter((t) => t.text === text).map((t) => t.value);

  it('resolves against the dateline (June 21, 2024)', () => {
    assert.deepEqual(find('June 21'), ['2024-06-21']);
    assert.deepEqual(find('June 19'), ['2024-06-19']);
    assert.deepEqual(find('September 2023'), ['2023-09']);
  });

  it('gives one expression per coordinated day: "June 18 and 19"', () => {
    const i = dates.findIndex((t) => t.text === 'June 18');
    assert.ok(i >= 0);
    assert.equal(dates[i].value, '2024-06-18');
    assert.equal(dates[i + 1].text, '19');
    assert.equal(dates[i + 1].value, '2024-06-19');
    assert.equal(doc.text.slice(dates[i + 1].start, dates[i + 1].end), '19');
  });

  it('finds the years 1936, 1961 and 2000', () => {
    for (const y of ['1936', '1961', '2000']) assert.deepEqual(find(y), [y], y);
  });

  it('keeps offsets true to the text', () => {
    for (const t of doc.times) assert.equal(doc.text.slice(t.start, t.end), t.text);
  });
});

describe('times: absolute dates', () => {
  it('reads the common written forms', () => {
    assert.deepEqual(
      pairs('On June 19, 2024 and 19 June 2024, on 2024-06-19 and 6/19/2024, and June 19th.'),
      [
        'June 19, 2024 → 2024-06-19',
        '19 June 2024 → 2024-06-19',
        '2024-06-19 → 2024-06-19',
        '6/19/2024 → 2024-06-19',
        'June 19th → 2024-06-19',
      ],
    );
  });

  it('takes a weekday before a date into the expression', () => {
    assert.deepEqual(pairs('Tuesday, September 1, 2015'), ['Tuesday, September 1, 2015 → 2015-09-01']);
  });

  it('reads month and year, and abbreviations', () => {
    assert.equal(valueAt('It began in September 2023.', 'September 2023'), '2023-09');
    assert.equal(valueAt('for the quarter ended Sept. 30, 1989', 'Sept. 30, 1989'), '1989-09-30');
  });

  it('gives an impossible date no value', () => {
    assert.deepEqual(
      tag('The deal was signed on February 30.').filter((t) => t.value.includes('02-30')),
      [],
    );
    assert.deepEqual(
      tag('on 2023-02-29').filter((t) => t.value === '2023-02-29'),
      [],
    );
  });

  it('keeps a written far-future year as written', () => {
    assert.equal(valueAt('Emissions are to reach zero in 2099.', '2099'), '2099');
    assert.equal(valueAt('The lease runs until June 30, 2099.', 'June 30, 2099'), '2099-06-30');
  });

  it('puts a day without a year in the nearest plausible year', () => {
    assert.equal(valueAt('The offer expired on June 30.', 'June 30'), '2024-06-30');
    assert.equal(valueAt('He was arrested on Dec. 28.', 'Dec. 28'), '2023-12-28');
    const jan = parseReference('2000-01-07');
    assert.equal(valueAt('He was rescued on Nov. 25 by fishermen.', 'Nov. 25', jan), '1999-11-25');
  });
});

describe('times: years and numbers', () => {
  it('tells years from counts and amounts', () => {
    assert.deepEqual(pairs('In 2000, the army sent 2000 troops.'), ['2000 → 2000']);
    assert.deepEqual(pairs('It cost $2024 and 1,500 people came; 2024 percent.'), []);
    assert.deepEqual(pairs('the 1996 law and a 2003 interview'), ['1996 → 1996', '2003 → 2003']);
    assert.equal(looksLikeYear('about 2000 people', 6, 10, 2000), false);
    assert.deepEqual(
      pairs('Flight 1549. Resolution 1441 passed; between 2000 and 3000 people; he scored 2000 points.'),
      [],
    );
    assert.deepEqual(pairs('the years 2010-2015'), ['2010 → 2010', '2015 → 2015']);
    assert.deepEqual(pairs('a 2000 year old tradition; a survey of 1709 schoolchildren'), []);
    assert.deepEqual(pairs('World Cup 2018 day five'), ['2018 → 2018']);
    assert.deepEqual(pairs('Theresa May said so on May Day; June Carter sang.'), []);
    assert.equal(looksLikeYear('since 1961 the', 6, 10, 1961), true);
  });

  it('reads fiscal years, decades and centuries', () => {
    assert.equal(valueAt('Sales in fiscal 1998 rose.', 'fiscal 1998'), '1998');
    assert.equal(valueAt('in the 1990s', 'the 1990s'), '199');
    assert.equal(valueAt('in the late 1970s', 'the late 1970s'), '197');
    assert.equal(valueAt('the 20th century', 'the 20th century'), '19');
    assert.equal(valueAt('mid-1996', 'mid-1996'), '1996');
  });
});

describe('times: months and weekdays lean to the past unless the grammar says future', () => {
  it('reads a bare month as the most recent one', () => {
    assert.equal(valueAt('The talks broke down in August.', 'August'), '2023-08');
    assert.equal(valueAt('The talks broke down in June.', 'June'), '2024-06');
    assert.equal(valueAt('The summit will be held in August.', 'August'), '2024-08');
    assert.equal(valueAt('They met last April.', 'last April'), '2024-04');
    // the month just gone would be "last month": "last May" said in June is a year back
    assert.equal(valueAt('They met last May.', 'last May'), '2023-05');
    assert.equal(valueAt('It opened in January this year.', 'January this year'), '2024-01');
  });

  it('does not take the modal "may" or the verb "march" for months', () => {
    assert.deepEqual(pairs('Prices may rise. May I ask? They march on.'), []);
  });

  it('reads a bare weekday as the most recent one, or the next in future grammar', () => {
    assert.equal(valueAt('Officials said on Thursday that talks failed.', 'Thursday'), '2024-06-20');
    assert.equal(valueAt('The minister met his counterpart Monday.', 'Monday'), '2024-06-17');
    assert.equal(valueAt('The minister will meet his counterpart on Monday.', 'Monday'), '2024-06-24');
    assert.equal(valueAt('The vote is scheduled to take place on Tuesday.', 'Tuesday'), '2024-06-25');
    assert.equal(valueAt('The company said Friday it would cut jobs.', 'Friday'), '2024-06-21');
    assert.equal(valueAt('They will meet next Friday.', 'next Friday'), '2024-06-28');
    assert.equal(valueAt('The talks were postponed until Tuesday.', 'Tuesday'), '2024-06-25');
    assert.deepEqual(pairs('A bomb went off at 10 p.m. Wednesday.'), [
      '10 p.m. Wednesday → 2024-06-19T22:00',
    ]);
    assert.equal(valueAt('They met last Friday.', 'last Friday'), '2024-06-14');
  });
});

describe('times: relative expressions', () => {
  it('resolves days, weeks, months and years', () => {
    const week = isoWeek({ y: 2024, m: 6, d: 14 });
    assert.equal(week.week, 24);
    assert.deepEqual(
      pairs('today, yesterday, tomorrow, last week, this week, next month, last year, this month'),
      [
        'today → 2024-06-21',
        'yesterday → 2024-06-20',
        'tomorrow → 2024-06-22',
        'last week → 2024-W24',
        'this week → 2024-W25',
        'next month → 2024-07',
        'last year → 2023',
        'this month → 2024-06',
      ],
    );
  });

  it('counts back from the reference', () => {
    assert.equal(valueAt('He left two days ago.', 'two days ago'), '2024-06-19');
    assert.equal(valueAt('It began nearly four years ago.', 'nearly four years ago'), '2020');
    assert.equal(valueAt('It began several years ago.', 'several years ago'), 'PAST_REF');
    assert.equal(valueAt('Earlier this year, prices rose.', 'Earlier this year'), '2024');
  });

  it('reads quarters, halves, seasons and reference words', () => {
    const oct = parseReference('2024-10-25');
    assert.equal(valueAt('profit rose in the third quarter', 'the third quarter', oct), '2024-Q3');
    assert.equal(valueAt('third-quarter profit', 'third-quarter', oct), '2024-Q3');
    // a quarter not yet begun, spoken of in the past, is last year's; in future grammar, this year's
    assert.equal(valueAt('profit rose in the third quarter', 'the third quarter'), '2023-Q3');
    assert.equal(valueAt('profit will rise in the third quarter', 'the third quarter'), '2024-Q3');
    assert.equal(valueAt('in the fourth quarter of 1984', 'the fourth quarter of 1984'), '1984-Q4');
    assert.equal(valueAt('in the first half of 2024', 'the first half of 2024'), '2024-H1');
    assert.equal(valueAt('first-half profit rose', 'first-half'), '2024-H1');
    assert.equal(valueAt('in the first half, neither side scored', 'the first half'), undefined);
    assert.equal(valueAt('It happened last summer.', 'last summer'), '2023-SU');
    assert.equal(valueAt('in the summer of 2012', 'the summer of 2012'), '2012-SU');
    assert.equal(valueAt('Prices are now higher.', 'now'), 'PRESENT_REF');
    assert.equal(valueAt('It is currently closed.', 'currently'), 'PRESENT_REF');
    assert.equal(valueAt('as in the past', 'the past'), 'PAST_REF');
    assert.equal(valueAt('in recent days', 'recent days'), 'PAST_REF');
    assert.equal(valueAt('in the near future', 'the near future'), 'FUTURE_REF');
  });

  it('leaves relative expressions unresolved without a reference date', () => {
    assert.equal(valueAt('They met on Thursday.', 'Thursday', null), 'XXXX-WXX-4');
    assert.equal(valueAt('It opened in June.', 'June', null), 'XXXX-06');
    assert.equal(valueAt('He left yesterday.', 'yesterday', null), 'XXXX-XX-XX');
    assert.equal(valueAt('It opened on June 21.', 'June 21', null), 'XXXX-06-21');
    assert.equal(valueAt('It opened on June 21, 2024.', 'June 21, 2024', null), '2024-06-21');
  });
});

describe('times: ranges and coordinations', () => {
  it('gives each end of a range its own expression', () => {
    assert.deepEqual(pairs('from 2000 to 2005'), ['2000 → 2000', '2005 → 2005']);
    assert.deepEqual(pairs('between March and May 2023'), ['March → 2023-03', 'May 2023 → 2023-05']);
    assert.deepEqual(pairs('on 18 and 19 June 2024'), ['18 → 2024-06-18', '19 June 2024 → 2024-06-19']);
    assert.deepEqual(pairs('June 18-19'), ['June 18 → 2024-06-18', '19 → 2024-06-19']);
    assert.deepEqual(pairs('from November 20 to December 11, 2024'), [
      'November 20 → 2024-11-20',
      'December 11, 2024 → 2024-12-11',
    ]);
  });
});

describe('times: durations, times and sets', () => {
  it('types what is not a date', () => {
    const got = tag('for three years, at 3 p.m., every week');
    assert.deepEqual(
      got.map((t) => [t.text, t.type, t.value]),
      [
        ['three years', 'DURATION', 'P3Y'],
        ['3 p.m.', 'TIME', '2024-06-21T15:00'],
        ['every week', 'SET', 'P1W'],
      ],
    );
    assert.deepEqual(pairs('The polls closed at 22:30, after a 2:1 vote.'), ['22:30 → 2024-06-21T22:30']);
  });
});

describe('times: the stage', () => {
  it('is pure: the reference comes from the context, not the clock', () => {
    const doc = {
      id: 'x',
      url: null,
      text: 'They met on Thursday.',
      article: {} as never,
      paragraphs: [],
      tokens: [],
      sentences: [],
      mentions: [],
      entities: [],
      times: [],
      quotes: [],
      events: [],
      agreements: [],
    };
    const a = timesStage.run(doc, { now: new Date('2030-01-01'), referenceDate: '2024-06-21' });
    const b = timesStage.run(doc, { now: new Date('1990-01-01'), referenceDate: '2024-06-21' });
    assert.deepEqual(a.times, b.times);
    assert.equal(a.times[0].value, '2024-06-20');
  });
});

describe('times: span conventions and long input', () => {
  it('follows the TimeBank spans', () => {
    assert.deepEqual(pairs('They rallied Wednesday night.'), ['Wednesday night → 2024-06-19']);
    assert.deepEqual(pairs('the third-quarter results'), ['third-quarter → 2023-Q3']);
    assert.deepEqual(pairs('for 1994 or later'), ['1994 or later → 1994']);
    assert.deepEqual(pairs('It happened a week or so ago.'), ['a week or so ago → 2024-06-14']);
    assert.deepEqual(pairs('Last April, they met.'), ['Last April → 2024-04']);
  });

  it('stays fast and linear on a long document', () => {
    const text = 'On June 19, 2024, 2000 troops left; in 1999 and 2001 they returned. '.repeat(3000);
    const t0 = performance.now();
    const got = tag(text);
    assert.equal(got.length, 9000);
    assert.ok(performance.now() - t0 < 5000);
  });
});
