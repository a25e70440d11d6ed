/** How many records of each type a corpus of a given number of meetings holds. */

/** Record counts for one corpus (countries are always all of ISO 3166-1). */
export interface Scale {
  meetings: number;
  people: number;
  offices: number;
  organizations: number;
  topics: number;
  /** Cities and venues besides the capitals. */
  places: number;
  /** Meetings per source text, on average. */
  meetingsPerSource: number;
}

/**
 * Counts for `meetings` meetings: at 100,000 meetings, 20,000 people, 5,000 offices, 2,000
 * organizations and 300 topics. People, offices, organizations and places grow in
 * proportion; topics (a vocabulary) grow with the square root. Each has a floor so that a
 * tiny corpus still has enough to draw from.
 */
export function scaleFor(meetings: number): Scale {
  const ratio = meetings / 100_000;
  return {
    meetings,
    people: Math.max(40, Math.round(20_000 * ratio)),
    offices: Math.max(12, Math.round(5_000 * ratio)),
    organizations: Math.max(24, Math.round(2_000 * ratio)),
    topics: Math.max(24, Math.round(300 * Math.sqrt(ratio))),
    places: Math.max(10, Math.round(1_200 * ratio)),
    meetingsPerSource: 14,
  };
}
