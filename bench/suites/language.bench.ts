import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { emptyLayout } from '../../src/article/layout.js';
import { textToArticle } from '../../src/article/text/layout.js';
import type { AnnotatedDocument, Article } from '../../src/document.js';
import { readJsonl } from '../../src/nlp/ner/corpus.js';
import { nerModel } from '../../src/nlp/ner/model.js';
import { nerStage } from '../../src/nlp/ner/stage.js';
import { languageStage } from '../../src/nlp/stage.js';
import { SHARED_DATA_DIR } from '../../src/paths.js';
import { annotate, emptyDocument, STAGES } from '../../src/pipeline.js';

// Speed of the language layer (tokens, sentences, paragraphs + the NER tagger) on real news articles,
// single-threaded, against compromise's people()/places()/organizations() on the same texts in the same
// run; then the whole pipeline cumulatively, stage by stage (annotate(..., {until: stage})).

const SOURCES: [string, number][] = [
  ['demo/wikinews-articles.jsonl', 390],
  ['ner/gum-wikinews.jsonl', 43],
  ['ner/meantime-dev.jsonl', 83],
];
const LIMIT = Number(process.env.BENCH_ARTICLES ?? 500);

function loadTexts(): string[] {
  const out: string[] = [];
  for (const [rel, n] of SOURCES) {
    const p = join(SHARED_DATA_DIR, rel);
    if (!existsSync(p)) continue;
    for (const r of readJsonl(p).slice(0, n)) {
      if (typeof r.text === 'string' && r.text.trim().length > 200) out.push(r.text);
    }
  }
  return out.slice(0, LIMIT);
}

function bare(text: string): AnnotatedDocument {
  return emptyDocument({ text, url: null, layout: emptyLayout() }, 'bench');
}

interface Timing {
  /** Wall-clock seconds for one pass. */
  wall: number;
  /** CPU seconds (user + system) of this process for one pass: the per-core cost, robust to a busy machine. */
  cpu: number;
}

/** One pass of `fn` over every item (the best of `repeat`), after a warm-up over the first `warm`. */
function time<T>(items: T[], fn: (x: T) => unknown, repeat = 2, warm = items.length): Timing {
  for (const x of items.slice(0, warm)) fn(x);
  let best: Timing = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const x of items) fn(x);
    const c = process.cpuUsage(c0);
    const t = { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
    if (t.cpu < best.cpu) best = t;
  }
  return best;
}

export async function run(): Promise<void> {
  const texts = loadTexts();
  if (!texts.length) {
    console.log(
      `No articles: ${SHARED_DATA_DIR} is absent (the benchmark reads ../shared/data). Nothing measured.`,
    );
    return;
  }
  const chars = texts.reduce((s, t) => s + t.length, 0);
  console.log(
    `${texts.length} news articles (Wikinews demo, GUM, MEANTIME) from ${SHARED_DATA_DIR}, mean ${Math.round(chars / texts.length)} characters; single thread.\n`,
  );
  const t0 = performance.now();
  nerModel();
  const loadMs = performance.now() - t0;

  const ctx = { now: new Date(0), referenceDate: null };
  const rows: [string, Timing][] = [];
  const lang = time(texts, (t) => languageStage.run(bare(t), ctx));
  rows.push(['tokens + sentences + paragraphs', lang]);
  const layer = time(texts, (t) => nerStage.run(languageStage.run(bare(t), ctx), ctx));
  rows.push(['language layer + NER tagger', layer]);
  // The same tagger through the reference path training uses (sentenceFeatures + staticIds + beamDecode):
  // same labels, for the speed-up of the tagging path (src/nlp/ner/fast.ts).
  process.env.NEWSGRAPH_NER_REFERENCE = '1';
  const reference = time(texts, (t) => nerStage.run(languageStage.run(bare(t), ctx), ctx), 1);
  delete process.env.NEWSGRAPH_NER_REFERENCE;
  rows.push(['language layer + NER, reference path', reference]);
  const comp = time(texts, (t) => {
    const doc = nlp(t);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
  });
  rows.push(['compromise people/places/organizations', comp]);

  const n = texts.length;
  let tokens = 0;
  let mentions = 0;
  for (const t of texts) {
    const d = nerStage.run(languageStage.run(bare(t), ctx), ctx);
    tokens += d.tokens.length;
    mentions += d.mentions.length;
  }
  const fmt = (name: string, t: Timing) =>
    `| ${name.padEnd(44)} | ${(n / t.cpu).toFixed(1).padStart(16)} | ${((1000 * t.cpu) / n).toFixed(2).padStart(10)} | ${(n / t.wall).toFixed(1).padStart(15)} |`;
  const head = (what: string) => {
    console.log(`| ${what.padEnd(44)} | articles/s (CPU) | CPU ms/art | articles/s wall |`);
    console.log(`|${'-'.repeat(46)}|-----------------:|-----------:|----------------:|`);
  };
  head('what');
  for (const [name, s] of rows) console.log(fmt(name, s));
  console.log(
    `\nNER model load: ${loadMs.toFixed(0)} ms. Tokens per article: ${Math.round(tokens / n)}; name mentions per article: ${(mentions / n).toFixed(1)}.`,
  );
  console.log(
    `Ours / compromise (language layer + NER vs people/places/organizations): ${(comp.cpu / layer.cpu).toFixed(1)}× as fast (CPU time).\n`,
  );

  // The whole pipeline, cumulatively: text layout, then each stage in order.
  const articles: Article[] = [];
  const layout = time(texts, (t) => {
    articles.push(textToArticle(t, { published: null, title: null }));
  });
  const arts = articles.slice(-texts.length);
  console.log('Whole pipeline, cumulative (article layout from text, then annotate(..., {until: stage})):\n');
  head('up to stage');
  console.log(fmt('article (text layout)', layout));
  for (const stage of STAGES) {
    let failed = '';
    const s = time(
      arts,
      (a) => {
        if (failed) return;
        try {
          annotate(a, 'bench', { until: stage.name, now: new Date(0) });
        } catch (err) {
          failed = (err as Error).message;
        }
      },
      1,
      50,
    );
    console.log(
      failed ? `| ${stage.name.padEnd(44)} | failed: ${failed.slice(0, 60)} |` : fmt(stage.name, s),
    );
  }
}
