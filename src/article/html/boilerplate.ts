// What a news page wraps around its story: captions and credits, related-link boxes, newsletter and
// subscription prompts, share bars, author bios, advertising, comments. Recognised by the names
// publishers give these elements and by their stock phrases.

/** Class/id words of page furniture that never holds the story's own prose. */
const FURNITURE =
  /(?:^|[\s_-])(?:caption|captions|credit|credits|photo-?credit|image-?credit|figcaption|related|relatedlinks|related-?(?:content|stories|articles|posts|links)|read-?more|more-?from|more-?on|recommend(?:ed|ations)?|newsletter|newsletters|subscribe|subscription|signup|sign-?up|share|sharing|share-?bar|social|social-?share|sharetools|toolbar|tools|advert|advertisement|ads?|ad-?slot|ad-?container|dfp|sponsor|sponsored|promo|promotion|outbrain|taboola|comments?|disqus|author-?bio|author-?info|author-?box|about-?author|bio|breadcrumbs?|tags|tag-?list|topics|keywords|paywall|inline-?cta|cta|trending|most-?popular|popular|nav|navigation|menu|footer|masthead|sidebar|rail|widget|byline|timestamp|dateline-?info|print|skip|visually-?hidden|sr-only|screen-?reader|hidden|modal|overlay|gallery-?caption|slideshow-?caption|image-?caption|photo-?caption|wp-caption-text|credit-?line|article-?tools|article-?meta|post-?meta|entry-?meta|meta-?data|author-?details|author-?description|contributor)(?:$|[\s_-])/i;

/** Class/id words that mark the story's own container: never removed for a furniture word beside them. */
const STORY =
  /(?:^|[\s_-])(?:article-?body|story-?body|post-?body|entry-?content|article-?content|story-?content|body-?text|articlebody|storytext|article-?text|tweet|twitter-?tweet|instagram-?media|social-?(?:media-?)?embed|embed-?(?:twitter|tweet|instagram|social))(?:$|[\s_-])/i;

/** Captions and credits go even inside a box named like the story. */
const CAPTION =
  /(?:^|[\s_-])(?:caption|captions|figcaption|credit|credits|photo-?credit|image-?credit|credit-?line)(?:$|[\s_-])/i;

/** An attribute's raw value. linkedom's getAttribute re-escapes every value it returns: too slow for a scan of every element. */
export function attr(el: Element, name: string): string | null {
  return el.getAttributeNode(name)?.value ?? null;
}

export function hintOf(el: Element): string {
  const cls = attr(el, 'class') ?? '';
  const id = attr(el, 'id') ?? '';
  // camelCase and BEM names split into words: "relatedLinks" → "related Links", "c-share__bar" → "c share bar".
  return `${cls} ${id}`.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/__|--/g, ' ');
}

const POPUP = /(?:^|[\s_-])(?:rollover|tooltip|popover|popup|hover-?card|hovercard)(?:$|[\s_-])/i;

/** A hover card or tooltip that repeats a name with a bio: the box goes, the link that opens it stays. */
export function isPopup(el: Element): boolean {
  if (el.localName === 'a') return false;
  const first = el.firstElementChild;
  // A card has structure; the trigger is a link or bare text.
  return !!first && first.localName !== 'a' && POPUP.test(hintOf(el));
}

/** A caption or credit box (by its class or id), or a figure caption element. */
export function isCaption(el: Element): boolean {
  if (el.localName === 'figcaption') return true;
  // Cheap test first: most elements name neither.
  if (!/capt|cred/i.test(`${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`)) return false;
  const h = hintOf(el);
  return !!h.trim() && CAPTION.test(h);
}

export function isFurniture(el: Element): boolean {
  const h = hintOf(el);
  if (!h.trim()) return false;
  if (CAPTION.test(h)) return true;
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
  const r = attr(el, 'role');
  return r ? ROLE_FURNITURE.has(r.toLowerCase()) : false;
}

/** Elements that are hidden from the reader. */
export function isHidden(el: Element): boolean {
  if (!el.hasAttributes()) return false;
  if (el.getAttributeNode('hidden')) return true;
  if (attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
  return !!style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** The title of a box of links to other stories: "Related", "More from …", "You may also like". */
export const RELATED_HEADING =
  /^(?:related|more|also read|read also|recommended|trending|most (?:read|popular|viewed|shared)|don'?t miss|you (?:may|might) (?:also )?like|more great [\p{L} ]+ stories|more stories|top stories|latest news|breaking news|popular now|editor'?s picks|around the web|from the web|elsewhere on [\p{L} ]+|further reading)(?: (?:stories|articles|coverage|content|reading|news|links|videos|on this (?:story|topic)|from [\p{L}’' ]+|in [\p{L} ]+))?\s*(?:\.\.\.|…)?\s*[:|»›>-]?$/iu;

// Whole blocks that are page furniture by their wording alone, in any position.
const FURNITURE_LINES: RegExp[] = [
  /^(?:advertisement|advertising|advert|ad|anzeige|publicidad|publicité|pubblicità|iklan|реклама|sponsored(?: content)?|(?:story|article) continues (?:below|after)(?: (?:the )?(?:advertisement|gallery|video|ad|photos?|slideshow))?|continue reading(?: the main story)?(?: below)?|article continues (?:below|after).*|scroll to continue.*|media playback is unsupported on your device|this slideshow requires javascript\.?|caption|close|warning|highlights|read more|see more|show more|load more|more|next|previous|back to top)$/iu,
  /^(?:read|see|watch|listen)(?: also| more| next)?\s*[:|»›>]/i,
  // The same prompts in the languages of the other large news markets.
  /^(?:lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weitere artikel|(?:à )?lire aussi|voir aussi|sur le même sujet|lea también|leer más|te puede interesar|noticias relacionadas|leia (?:também|mais)|veja também|saiba mais|leggi anche|potrebbe interessarti|articoli correlati|читайте также|смотрите также)(?![\p{L}])\s*[:|»›>.…]*\s*$/iu,
  /^(?:lesen sie (?:auch|mehr)|(?:à )?lire aussi|lea también|leia também|veja também|leggi anche|читайте также)\s*[:|»›>]/iu,
  RELATED_HEADING,
  /^(?:sign up|subscribe|get (?:our|the) [\p{L} ]*newsletter|join our|follow us|like us on|download (?:our|the) app|get breaking news|start your day with)\b/iu,
  /^(?:share|share this(?: article| story| post)?|tweet|submit|email|e-mail|print|save|comments?|\d+ comments?|leave a (?:comment|reply)|post a comment|post comment.*|like this (?:story|article)\?.*)\s*[:|!]?$/i,
  /^(?:photo|image|picture|video|credit|illustration|graphic|foto|bild|фото|иллюстрация)s?\s*(?:credit|copyright)?\s*[:|©]/iu,
  /^(?:image|photo|picture|slide)s?\s*copyright\b/i,
  /^(?:(?:image|photo|picture|slide)s?\s*)?\d+\s*(?:of|\/)\s*(?:\/\s*)?\d+$/i,
  /^(?:image|photo|picture|slide|foto|bild)s?\s+\d+(?:\s*(?:of|de|von|di|\/)?\s*\/?\s*\d+)?$/i,
  /^(?:text size|font size|listen to (?:this )?article|listen|audio|play video|watch video|video|view comments|show comments|open in app|view gallery|enlarge|expand|zoom)$/i,
  /^(?:source|sources|fonte|fuente|quelle)\s*:\s*\S.{0,60}$/i,
  /^(?:www\.|(?:twitter|facebook|instagram|linkedin|youtube)\.com\/)\S+$/i,
  /^(?:copyright|©|\(c\))\s/i,
  /^(?:all rights reserved|this (?:article|story|content|document) (?:is subject to copyright|(?:was|is|has been) (?:originally |first )?(?:published|produced|updated)))/i,
  /^(?:we use cookies|this (?:web)?site uses cookies|by (?:using|continuing)|click here|tap here|loading|please enable javascript)/i,
  /^(?:email|contact|follow) (?:the )?(?:author|reporter|writer)s?\b/i,
  /^(?:first |last )?(?:updated|published|posted|modified)(?: on| at)?\s*[:|]?\s*(?:\d|[\p{L}]{3,9}\.?,? \d|today|yesterday)/iu,
  /^(?:reading time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)\s*[:|]|^\d+\s*min(?:ute)?s?\s+read$/i,
  /^(?:filed under|tags?|topics?|categories|category|posted in|tagged)\s*[:|]/i,
  /^citation\s*:/i,
  /^\[\w+[^\]]*\].*\[\/\w+\]$/,
  /^[^\p{L}\p{N}]*$/u,
];

export function isFurnitureLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 300) return false;
  if (FURNITURE_LINES.some((r) => r.test(t))) return true;
  // Disclosures and comment-moderation notices, wherever they sit.
  if (/\baffiliate (?:links?|commission)\b|\bmay earn (?:a|an) (?:\w+ )?commission\b/i.test(t)) return true;
  if (/\bcomments?\b.*\b(?:moderat\w*|approv\w*)\b/i.test(t) && t.length < 200) return true;
  // "Advertisement⏎Story continues below": furniture when every line is.
  if (t.includes('\n') && t.split('\n').every((l) => !l.trim() || isFurnitureLine(l))) return true;
  return isDateLine(t) || isCreditLine(t) || isSharePile(t);
}

const MONTH_WORDS =
  'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|' +
  'janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|' +
  'enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|' +
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|' +
  'januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|ago|set|ott|dic';
const DATE_FILLER =
  'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|' +
  'segunda|terça|quarta|quinta|sexta|feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes|' +
  'today|yesterday|updated|update|published|posted|modified|last|first|on|at|de|del|às|a|um|am|pm|a\\.m|p\\.m|' +
  'est|edt|cst|cdt|pst|pdt|mst|mdt|gmt|utc|bst|cet|cest|ist|aest|amt|et|pt|ct|hours?|hrs?|mins?|minutes?|ago|h|min|' +
  MONTH_WORDS;
const MONTH_OR_DAY = new RegExp(
  `(?:^|[^\\p{L}])(?:${MONTH_WORDS}|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thurs|thursday|fri|friday|sat|saturday|sun|sunday|today|yesterday|segunda|terça|quarta|quinta|sexta|sábado|domingo)(?:$|[^\\p{L}])`,
  'iu',
);
const DATE_WORD = new RegExp(`^(?:${DATE_FILLER})\\.?$`, 'iu');

/** A block that is only a date and time ("November 18, 2019 | 4:10pm", "Updated: 11:05, Tue, Nov 19, 2019"). */
export function isDateLine(t: string): boolean {
  if (t.length > 90 || !/\d/.test(t)) return false;
  // It must name a month, a weekday or a relative day, or be written as a time or a numeric date.
  if (!MONTH_OR_DAY.test(t) && !/\d:\d\d|\d[./-]\d{1,2}[./-]\d/.test(t)) return false;
  const words = t.match(/[\p{L}.]+/gu) ?? [];
  let other = 0;
  for (const w of words) {
    const bare = w.replace(/^\.+|\.+$/g, '');
    if (bare && !DATE_WORD.test(bare)) other++;
  }
  return other <= 1;
}

// Picture agencies: a short line naming one is a credit, whatever else it says.
const PHOTO_AGENCIES =
  /\b(?:getty(?: images)?|shutterstock|istock(?:photo)?|alamy|ap photo|afp photo|reuters\/[\p{L} ]+|epa-efe|newscom|zuma(?: press| wire)?|sipa(?: usa)?|rex features|imago|dreamstime|unsplash|pixabay)\b/iu;
// News agencies: a line holding nothing but their names (and separators) is a credit.
const NEWS_AGENCY = String.raw`(?:ap|afp|reuters|epa|dpa|ansa|efe|xinhua|tass|ria novosti|anadolu|associated press|agence france-presse|press association|pa|upi|kyodo|yonhap|bloomberg|[\p{L} ]+ wire services?)`;
const AGENCY_ONLY = new RegExp(String.raw`^\(?${NEWS_AGENCY}(?:\s*[/|,;&]\s*${NEWS_AGENCY})*\)?$`, 'iu');

/** A photo credit or agency tag on its own. */
export function isCreditLine(t: string): boolean {
  if (t.length > 400) return false;
  if (/^\((?:image|photo|picture|credit|foto)s?(?: credit)?\s*[:©]/i.test(t)) return true;
  if (/\((?:image|photo|picture|credit|foto)s?(?: credit)?\s*[:©][^)]*\)\s*$/i.test(t)) return true;
  // A caption ending in its credit: "… in Hialeah, Fla. (AP Photo/Alan Diaz, File)".
  if (
    /\((?:[^()]*\b(?:photo|photograph|image|picture|credit|foto)s?\b[^()]*|[^()]*(?:getty|shutterstock|istock|ap photo|afp|reuters|epa)[^()]*)\)\s*$/i.test(
      t,
    )
  )
    return true;
  if (t.length > 120) return false;
  if (AGENCY_ONLY.test(t)) return true;
  if (/[.!?]["”’]?$/.test(t) && /\s\p{Ll}+\s/u.test(t)) return false;
  return PHOTO_AGENCIES.test(t) && t.split(/\s+/).length <= 10;
}

/** "Share / Tweet / Submit": a pile of one-word tool labels. */
function isSharePile(t: string): boolean {
  const lines = t.split('\n').map((l) => l.trim().toLowerCase());
  if (lines.length < 2) return false;
  return lines.every((l) =>
    /^(?:share|tweet|submit|email|e-mail|print|pin|save|facebook|twitter|linkedin|whatsapp|reddit|pinterest|flipboard|copy link|comments?|\d+)$/.test(
      l,
    ),
  );
}

/** A byline on its own: "By Jane Doe - 11/18/19 11:04 PM EST", "Tom Krisher, AP Auto Writer". */
export function isBylineLine(t: string): boolean {
  if (t.length > 140) return false;
  if (/^by\b/i.test(t) && !/[.!?]["”’]?$/.test(t.replace(/\b(?:Jr|Sr|[A-Z])\.$/, ''))) return true;
  if (/^by$/i.test(t)) return true;
  // A role on its own line under the name: "Opinion Columnist", "Senior Correspondent".
  if (
    /^(?:[\p{L}]+\s+){0,2}(?:writer|correspondent|reporter|editor|columnist|contributor|journalist)s?$/iu.test(
      t,
    )
  )
    return true;
  return /^[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3})*(?:\s*[,|–—-]\s*|\s*\n\s*)(?:[\p{L}]+\s+){0,3}(?:writer|correspondent|reporter|editor|columnist|contributor|staff|journalist)s?$/iu.test(
    t,
  );
}

const NAME = String.raw`[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3}`;
// "Jane Doe is a freelance writer…", "Zac covers Apple news for…", "Emiliano joined the magazine in 2017."
const BIO = new RegExp(
  String.raw`^${NAME}(?:\s*\([^)]{1,80}\))?,?\s+(?:is (?:a|an|the)\b|is \p{Lu}|has (?:been|written|worked|covered|reported)\b|joined\b|covers\b|writes\b|reports\b|was (?:a|an|the)\b)`,
  'u',
);
const BIO_WORDS =
  /\b(?:writer|editor|reporter|correspondent|journalist|columnist|contributor|curator|author|blogger|freelance|podcast|newsletter|covers|covering|reporting|writing|joined|native|graduate|lives|living|based in)\b/i;

/** An author's biography closing the page. */
export function isAuthorBio(t: string): boolean {
  return t.length < 600 && BIO.test(t) && BIO_WORDS.test(t);
}

/** Credits for the reporting and contact lines that close a story. */
export function isClosingNote(t: string): boolean {
  if (isAuthorBio(t)) return true;
  if (t.length > 400) return false;
  if (
    /\b(?:posted|published|written|publicado|publicada|publié|veröffentlicht|pubblicato)\s+(?:by|por|par|von|da)\b/i.test(
      t,
    ) &&
    t.length < 200 &&
    /\d/.test(t)
  )
    return true;
  if (/^\(?(?:additional |with )?(?:reporting|writing|editing|research)(?: by|:)/i.test(t)) return true;
  if (/\bcontributed (?:to )?(?:this )?(?:report|reporting|story|article)\b/i.test(t) && t.length < 300)
    return true;
  if (/[\w.+-]+@[\w-]+\.[\w.]+/.test(t) && t.length < 300) return true;
  if (
    /©|\bcopyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|redistributed)\b/i.test(
      t,
    ) &&
    t.length < 300
  )
    return true;
  if (
    /^(?:follow|for more|more|read|see|visit|find|watch|listen|check out|download)\b.*https?:\/\/\S+/i.test(
      t,
    ) &&
    t.length < 200
  )
    return true;
  if (/^(?:follow|email|contact|reach)\b.*(?:@|twitter|facebook|instagram)/i.test(t)) return true;
  if (
    /\b(?:subscribe|sign up|newsletters?|click here|in your inbox|download (?:our|the) app)\b/i.test(t) &&
    t.length < 250
  )
    return true;
  return false;
}
