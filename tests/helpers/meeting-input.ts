/** A valid `CreateMeetingInput` over the article's data (Umarov meets Blinken, citing the article), for tests that need a meeting written. */
import { toGlobalId } from '../../src/schema/relay/global-id';

export const ARTICLE_ID = toGlobalId('Source', 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation');
const CITATIONS = [{ sourceId: ARTICLE_ID, quote: 'The Kazakh diplomat met with' }];

/** A participant acting for `country`, with its nulls spelled out (omitting them is refused). */
function participantInput(country: string, person: string) {
  return { personId: toGlobalId('Person', person), officeId: null, organizationId: null, label: null, countryId: toGlobalId('Country', country), role: 'PARTICIPANT', citations: CITATIONS };
}

/** The meeting titled `title`, on 30 April 2023; `fields` replace any of its fields. */
export function meetingInput(title: string, fields: Record<string, unknown> = {}) {
  return {
    title,
    kind: 'BILATERAL_MEETING',
    date: { label: '30 April 2023', earliest: '2023-04-30', latest: '2023-04-30', precision: 'DAY' },
    countryIds: [toGlobalId('Country', 'kazakhstan'), toGlobalId('Country', 'united-states')],
    coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null },
    participants: [participantInput('kazakhstan', 'kairat-umarov'), participantInput('united-states', 'antony-blinken')],
    summary: 'A meeting the tests make up.',
    citations: CITATIONS,
    ...fields,
  };
}
