import type { AnalyzedDocument, AnnotatedDocument } from './document.js';
import { componentVersions, PIPELINE_VERSION } from './pipeline.js';

/** The JSON contract (CONTRACT.md, docs/schema/document.schema.json), written in this one place. */
export function toAnalyzedDocument(
  doc: AnnotatedDocument,
  opts: { sentences?: boolean } = {},
): AnalyzedDocument {
  const out: AnalyzedDocument = {
    schema: 'newsgraph.document/1',
    id: doc.id,
    url: doc.url,
    text: doc.text,
    article: doc.article,
    entities: doc.entities,
    times: doc.times,
    quotes: doc.quotes,
    events: doc.events,
    agreements: doc.agreements,
    pipeline: { version: PIPELINE_VERSION, components: componentVersions() },
  };
  if (opts.sentences) out.sentences = doc.sentences;
  return out;
}
