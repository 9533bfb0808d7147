// What an agreement's provisions are about, read from the words of the provision or of the agreement's
// own "on …" complement. Ordered: the first kind whose words occur wins.

export const PROVISION_KINDS: [kind: string, words: RegExp][] = [
  [
    'mutual-defence',
    /\b(aggression|armed attack|attack on|under attack|attacked|mutual defen[cs]e|collective defen[cs]e|defend each other)\b/i,
  ],
  ['military-assistance', /\b(military (assistance|aid|support|help|cooperation)|arms|weapons|troops)\b/i],
  ['security', /\b(security|terroris[mt]|intelligence|border protection)\b/i],
  ['education', /\b(education|educational|universit\w+|schools?|students?)\b/i],
  ['medicine', /\b(medicine|medical|health ?care|health|pharmac\w*|vaccin\w*)\b/i],
  ['science', /\b(science|scientific|research|technolog\w*|space)\b/i],
  [
    'infrastructure',
    /\b(bridges?|roads?|railways?|rail|ports?|construction|infrastructure|pipelines?|airports?)\b/i,
  ],
  ['energy', /\b(energy|oil|gas|electricity|power plants?|nuclear power|fuel)\b/i],
  ['trade', /\b(trade|tariffs?|exports?|imports?|customs|free-trade)\b/i],
  ['economic-cooperation', /\b(econom\w*|investment|financ\w*|banking|currency|industr\w*)\b/i],
  ['culture', /\b(cultur\w*|tourism|sports?|youth)\b/i],
  ['agriculture', /\b(agricultur\w*|food|fisher\w*|farming)\b/i],
  ['legal', /\b(extradition|legal assistance|judicial|law enforcement)\b/i],
  ['ceasefire', /\b(ceasefire|cease-fire|truce|cessation of hostilities|armistice)\b/i],
];

export function provisionKind(text: string): string | null {
  for (const [kind, re] of PROVISION_KINDS) if (re.test(text)) return kind;
  return null;
}
