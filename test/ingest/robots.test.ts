import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RobotsCache } from '../../src/ingest/net/robots-cache.js';
import { RobotsTxt } from '../../src/ingest/net/robots-txt.js';

describe('robots.txt parsing and matching', () => {
  const robots = RobotsTxt.parse(`
# a comment line
Sitemap: https://news.example/sitemap.xml

User-agent: *
Disallow: /private/
Allow: /private/public-note.html
Disallow: /search
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: otherbot
Disallow: /

User-agent: NewsGraph/1.0
User-agent: ExtraBot
Disallow: /drafts/   # our own rules
Allow: /drafts/published
`);

  it('prefers the group naming our product token, case-insensitively, over *', () => {
    assert.equal(robots.isAllowed('newsgraph', '/drafts/x'), false);
    assert.equal(robots.isAllowed('newsgraph', '/private/x'), true, 'the * group does not apply to us');
    assert.equal(robots.isAllowed('extrabot', '/drafts/x'), false);
    assert.equal(robots.isAllowed('otherbot', '/anything'), false);
  });

  it('falls back to * for agents without a group of their own', () => {
    assert.equal(robots.isAllowed('somebot', '/private/secret.html'), false);
    assert.equal(robots.isAllowed('somebot', '/news/2024/story.html'), true);
    assert.equal(robots.isAllowed('somebot', '/search?q=treaty'), false);
    assert.equal(robots.isAllowed('somebot', '/searching'), false, 'rules are prefixes');
  });

  it('lets the longest matching rule win, and Allow win a tie', () => {
    assert.equal(robots.isAllowed('somebot', '/private/public-note.html'), true);
    assert.equal(robots.isAllowed('newsgraph', '/drafts/published/today'), true);
    const tie = RobotsTxt.parse('User-agent: *\nDisallow: /a\nAllow: /a\n');
    assert.equal(tie.isAllowed('x', '/a/b'), true);
    const verdict = robots.check('somebot', '/private/x');
    assert.deepEqual(verdict, { allowed: false, rule: 'Disallow: /private/' });
  });

  it('supports * wildcards and the $ end anchor', () => {
    assert.equal(robots.isAllowed('somebot', '/files/report.pdf'), false);
    assert.equal(robots.isAllowed('somebot', '/files/report.pdf?x=1'), true, '$ anchors at the end');
    const w = RobotsTxt.parse('User-agent: *\nDisallow: /*/print\nDisallow: /tag*$\n');
    assert.equal(w.isAllowed('x', '/2024/06/print'), false);
    assert.equal(w.isAllowed('x', '/2024/06/story'), true);
    assert.equal(w.isAllowed('x', '/tags/world'), false);
  });

  it('treats special characters in rules literally and compares percent-escapes without case', () => {
    const r = RobotsTxt.parse('User-agent: *\nDisallow: /a.b(c)+\nDisallow: /caf%c3%a9\nDisallow: /ünï\n');
    assert.equal(r.isAllowed('x', '/a.b(c)+/d'), false);
    assert.equal(r.isAllowed('x', '/aXb(c)+/d'), true);
    assert.equal(r.isAllowed('x', '/caf%C3%A9/menu'), false);
    assert.equal(r.isAllowed('x', '/%C3%BCn%C3%AF'), false);
  });

  it('ignores empty Disallow, rules outside groups, and always allows /robots.txt', () => {
    const r = RobotsTxt.parse('Disallow: /\nUser-agent: *\nDisallow:\n');
    assert.equal(r.isAllowed('x', '/anything'), true);
    assert.equal(RobotsTxt.DISALLOW_ALL.isAllowed('x', '/robots.txt'), true);
    assert.equal(RobotsTxt.DISALLOW_ALL.isAllowed('x', '/'), false);
    assert.equal(RobotsTxt.ALLOW_ALL.isAllowed('x', '/x'), true);
  });

  it('reads Crawl-delay and Sitemap lines', () => {
    assert.equal(robots.crawlDelay('somebot'), 2);
    assert.equal(robots.crawlDelay('newsgraph'), null);
    assert.deepEqual(robots.sitemaps, ['https://news.example/sitemap.xml']);
  });

  it('handles CRLF line ends; blank lines do not split a run of user-agent lines (RFC 9309)', () => {
    const r = RobotsTxt.parse('User-agent: newsgraph\r\n\r\nUser-agent: *\r\nDisallow: /x\r\n');
    assert.equal(r.isAllowed('newsgraph', '/x'), false);
    assert.equal(r.isAllowed('other', '/x'), false);
    assert.equal(r.isAllowed('other', '/y'), true);
  });
});

describe('robots cache', () => {
  it('loads once per origin, shares a pending load, and retries after a failure', async () => {
    let t = 0;
    const cache = new RobotsCache(1000, () => t);
    let loads = 0;
    const load = async () => {
      loads++;
      return RobotsTxt.ALLOW_ALL;
    };
    await Promise.all([cache.get('http://a:80', load), cache.get('http://a:80', load)]);
    await cache.get('http://a:80', load);
    assert.equal(loads, 1);
    await cache.get('http://b:80', load);
    assert.equal(loads, 2);
    t = 2000;
    await cache.get('http://a:80', load);
    assert.equal(loads, 3, 'expired after the TTL');

    let failing = 0;
    const bad = async () => {
      failing++;
      throw new Error('down');
    };
    await assert.rejects(cache.get('http://c:80', bad));
    await assert.rejects(cache.get('http://c:80', bad));
    assert.equal(failing, 2, 'a failed load is not cached');
  });
});
