import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docWith } from './events-helpers.js';

// Breadth: one or two sentences per PLOVER category and per grammar decision, written for these tests.
// Types only (no entity layer), so the expectations do not move with the NER model.

const cases: [string, string[]][] = [
  ['The two presidents met in Geneva on Tuesday.', ['CONSULT']],
  ['The foreign minister flew to Ankara for talks on the refugee crisis.', ['CONSULT']],
  ['Japan hosted the Indian prime minister for a two-day summit.', ['CONSULT']],
  ['Parliament praised the soldiers for their courage.', ['SUPPORT']],
  ['The government apologised to the victims of the massacre.', ['SUPPORT']],
  ['Norway and Iceland agreed to share intelligence on fishing fleets.', ['AGREE']],
  ['The two navies held joint exercises in the Baltic.', ['COOPERATE']],
  ['The World Bank approved a loan of 300 million dollars for the dam.', []],
  ['Canada sent humanitarian aid to the flood victims.', ['AID']],
  ['The junta released 200 political prisoners on Sunday.', ['RETREAT']],
  ['The army lifted the curfew in the capital.', ['CONCEDE']],
  ['Rebels withdrew their forces from the northern province.', ['RETREAT']],
  ['The opposition demanded new elections.', ['REQUEST']],
  ['The minister called on the rebels to lay down their arms.', ['REQUEST']],
  ['Human rights groups criticised the government for the crackdown.', ['ACCUSE']],
  ['Prosecutors opened an investigation into the bombing.', ['ACCUSE']],
  ['The president vetoed the bill passed by parliament.', ['REJECT']],
  ["The government rejected the rebels' proposal for a truce.", ['REJECT']],
  ['The militia threatened to kill the hostages.', ['THREATEN']],
  ['Thousands of workers went on strike over unpaid wages.', ['PROTEST']],
  ['Students staged a sit-in outside the ministry.', ['PROTEST']],
  ['The country recalled its ambassador after the incident.', ['SANCTION']],
  ['Washington imposed an embargo on arms sales to the junta.', ['SANCTION']],
  ['The army put its troops on high alert.', ['MOBILIZE']],
  ['Police detained the opposition leader at his home.', ['COERCE']],
  ['The authorities banned the newspaper for six months.', ['COERCE']],
  ['Gunmen kidnapped two aid workers near the border.', ['ASSAULT']],
  ['Warplanes bombed rebel positions overnight.', ['ASSAULT']],
  ['The rebels did not attack the convoy.', []],
  ['The minister said the talks were useful.', []],
  ['The embassy may be closed next week.', []],
  ['If the rebels attack, the army will respond.', []],
  ['The treaty commits both sides to defend each other in case of an attack.', []],
  ['Officials said they were discussing a possible visit.', ['CONSULT']],
  ['The president expressed willingness to negotiate with the rebels.', ['AGREE']],
  ['The government declared a state of emergency in three provinces.', ['COERCE']],
  ['The soldiers opened fire on the crowd.', ['ASSAULT']],
  ['The two countries restored diplomatic relations after a decade.', ['COOPERATE']],
  ['The court sentenced the journalist to five years in prison.', ['COERCE']],
  ['Protesters blocked the main highway to the airport.', ['PROTEST']],
  ['Egyptian mediators were holding talks with both sides in Cairo.', ['CONSULT']],
  ['The envoy is due to arrive in Kabul on Monday.', ['CONSULT']],
  ['Rebel fighters ambushed a military convoy, killing 12 soldiers.', ['ASSAULT']],
  ['The ministry denied that troops had fired on protesters.', []],
  ['Police used tear gas to disperse the crowd.', []],
  ['The EU lifted sanctions on Belarusian potash exports.', ['RETREAT']],
  ["The government agreed to the opposition's demand for early elections.", ['CONCEDE']],
  ['Leaders vowed to continue the fight against terrorism.', ['AGREE']],
  ['The UN envoy urged both parties to respect the ceasefire.', ['REQUEST']],
  ['Iraq accused Turkey of violating its sovereignty.', ['ACCUSE']],
  ['Hundreds of settlers were evacuated from the Gaza Strip.', ['RETREAT']],
  ['The prime minister resigned after losing a confidence vote.', ['RETREAT']],
  ['The agreement was signed in Doha by representatives of both sides.', ['AGREE']],
  ['The president is expected to sign the bill into law.', []],
  ['Both countries have refused to extradite the suspects.', ['REJECT']],
  ['Demonstrators marched to the parliament building demanding reforms.', ['PROTEST']],
  ['The regime has been accused of torturing detainees.', ['ACCUSE']],
  ['Soldiers were killed when their vehicle hit a roadside bomb.', ['ASSAULT']],
  ['The delegation will visit Moscow and Beijing next month.', ['AGREE']],
  ['Ministers discussed the crisis by telephone on Friday.', ['CONSULT']],
];

describe('events: one sentence per category', () => {
  for (const [text, want] of cases) {
    it(`${want.join('+') || 'no event'}: ${text}`, () => {
      assert.deepEqual(
        docWith(text, []).events.map((e) => e.type),
        want,
      );
    });
  }
});
