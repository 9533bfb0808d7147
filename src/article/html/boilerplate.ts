// What a news page wraps around its story: captions and credits, related-link boxes, newsletter and
// subscription prompts, share bars, author bios, advertising, comments. Recognised by the names
// publishers give these elements and by their stock phrases.

/** Class/id words of page furniture that never holds the story's own prose. */
const FURNITURE =
  /(?:^|[\s_-])(?:caption|captions|credit|credits|photo-?credit|image-?credit|figcaption|related|relatedlinks|related-?(?:content|stories|articles|posts|links)|read-?more|more-?from|more-?on|recommend(?:ed|ations)?|newsletter|newsletters|subscribe|subscription|signup|sign-?up|share|sharing|share-?bar|social|social-?share|sharetools|toolbar|tools|advert|advertisement|ads?|ad-?slot|ad-?container|dfp|sponsor|sponsored|promo|promotion|outbrain|taboola|comments?|disqus|author-?bio|author-?info|author-?box|about-?author|bio|breadcrumbs?|tags|tag-?list|topics|keywords|paywall|inline-?cta|cta|trending|most-?popular|popular|nav|navigation|menu|footer|masthead|sidebar|rail|widget|byline|timestamp|dateline-?info|print|skip|visually-?hidden|sr-only|screen-?reader|hidden)(?:$|[\s_-])/i;

/** Class/id words that mark the story's own container: never removed for a furniture word beside them. */
const STORY =
  /(?:^|[\s_-])(?:article-?body|story-?body|post-?body|entry-?content|article-?content|story-?content|body-?text|articlebody|storytext|article-?text)(?:$|[\s_-])/i;

export function hintOf(el: Element): string {
  const cls = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  // camelCase and BEM names split into words: "relatedLinks" → "related Links", "c-share__bar" → "c share bar".
  return `${cls} ${id}`.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/__|--/g, ' ');
}

export function isFurniture(el: Element): boolean {
  const h = hintOf(el);
  if (!h.trim()) return false;
  if (STORY.test(h)) return false;
  return FURNITURE.test(h);
}

const ROLE_FURNITURE = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'banner',
  'contentinfo',
  'dialog',
  'alert',
  'alertdialog',
  'search',
]);

export function hasFurnitureRole(el: Element): boolean {
  const r = el.getAttribute('role');
  return r ? ROLE_FURNITURE.has(r.toLowerCase()) : false;
}

/** Elements that are hidden from the reader. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

// Whole blocks that are page furniture by their wording alone.
const FURNITURE_LINES: RegExp[] = [
  /^(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?|continue reading(?: the main story)?(?: below)?|article continues below.*|scroll to continue.*)$/i,
  /^(?:read|see|watch|listen)(?: also| more| next)?\s*[:|»›>-]/i,
  /^(?:related|more|also read|recommended|trending|most (?:read|popular|viewed))(?: (?:stories|articles|coverage|content|reading|news|links|videos|on this story|from [\p{L} ]+))?\s*[:|»›>-]?$/iu,
  /^(?:sign up|subscribe|get (?:our|the) [\p{L} ]*newsletter|join our|follow us|like us on|download (?:our|the) app)\b/iu,
  /^(?:share|share this(?: article| story)?|tweet|email|print|comments?|\d+ comments?|leave a comment|post a comment)\s*[:|]?$/i,
  /^(?:photo|image|picture|video|credit|source|illustration|graphic)s?\s*(?:credit)?\s*[:|]/i,
  /^(?:copyright|©|\(c\))\s/i,
  /^(?:all rights reserved|this (?:article|story|content) (?:was|is|has been) (?:originally |first )?(?:published|produced|updated))/i,
  /^(?:we use cookies|by (?:using|continuing)|click here|tap here|loading|please enable javascript)/i,
  /^(?:email|contact) (?:the )?(?:author|reporter|writer)\b/i,
  /^(?:updated|published|posted|last (?:updated|modified))\s*[:|]?\s*(?:\d|[A-Z][a-z]{2,8}\.? \d|on )/i,
];

export function isFurnitureLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 200) return false;
  return FURNITURE_LINES.some((r) => r.test(t));
}
