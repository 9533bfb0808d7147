import type { AnalyzedDocument } from '../document.js';

/** A readable account of one analysed document, for people at a terminal. */
export function summarize(doc: AnalyzedDocument): string {
  const a = doc.article;
  const lines: string[] = [];
  const add = (k: string, v: unknown) => {
    if (v !== null && v !== undefined && v !== '') lines.push(`${k.padEnd(11)}${v}`);
  };
  add('Title', a.title?.text);
  add('Lede', a.lede?.text);
  if (a.dateline) {
    add(
      'Dateline',
      `${a.dateline.text}  → ${[a.dateline.place, a.dateline.agency, a.dateline.date].filter(Boolean).join(', ')}${a.dateline.dateInferred ? ' (year inferred)' : ''}`,
    );
  }
  add('Published', a.published);
  add('Publisher', a.publisher);
  add('Byline', a.byline.join(', '));
  add('Language', a.language);
  if (a.body) {
    const words = doc.text.slice(a.body.start, a.body.end).split(/\s+/).filter(Boolean).length;
    add('Body', `${words} words, characters ${a.body.start}–${a.body.end}`);
  }
  for (const s of a.sections) add('Section', s.heading);
  if (doc.entities.length) {
    lines.push('', `Entities (${doc.entities.length})`);
    for (const e of doc.entities.slice(0, 25)) {
      const extra = [e.ids.iso, e.attributes.title, e.attributes.affiliation].filter(Boolean).join('; ');
      lines.push(`  ${e.type.padEnd(7)}${e.name}${extra ? ` [${extra}]` : ''} ×${e.mentions.length}`);
    }
  }
  if (doc.times.length) {
    lines.push('', `Times (${doc.times.length})`);
    for (const t of doc.times) lines.push(`  ${t.text.padEnd(24)}${t.value}`);
  }
  const name = (id: string | null | undefined) => doc.entities.find((e) => e.id === id)?.name ?? id ?? '?';
  if (doc.quotes.length) {
    lines.push('', `Quotes (${doc.quotes.length})`);
    for (const q of doc.quotes) {
      const who = q.speaker
        ? q.speaker.entity
          ? name(q.speaker.entity)
          : `${q.speaker.text} (unresolved)`
        : 'unknown';
      const t = q.text.length > 90 ? `${q.text.slice(0, 87)}…` : q.text;
      lines.push(`  ${q.kind.padEnd(9)}${who}: ${t}`);
    }
  }
  if (doc.events.length) {
    lines.push('', `Events (${doc.events.length})`);
    for (const v of doc.events) {
      lines.push(
        `  ${v.type.padEnd(10)}${v.source.map(name).join(' + ') || '-'} → ${v.target.map(name).join(' + ') || '-'}  ${v.date ?? ''}${v.date_end ? `..${v.date_end}` : ''}  "${v.trigger.text}"`,
      );
    }
  }
  if (doc.agreements.length) {
    lines.push('', `Agreements (${doc.agreements.length})`);
    for (const g of doc.agreements) {
      lines.push(
        `  ${g.name} — ${g.status}${g.date ? `, ${g.date}` : ''}; parties: ${g.parties.map(name).join(', ') || '-'}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
