/**
 * What the map shows of a set of meetings: each country by how many of the meetings it
 * took part in, each pair of countries that met by how many meetings they shared (an
 * unordered pair: Kazakhstan–United States once, whoever hosted), and each meeting place
 * with known coordinates by how many meetings it held. Pure: no DOM.
 */
import type { EntityRef } from './entity';

/** What the map needs of a meeting. */
export interface MapMeeting {
  id: string;
  countries: readonly { id: string; slug: string; name: string; isoCode: string }[];
  location?: { id: string; slug: string; name: string; coordinates?: { latitude: number; longitude: number } | null } | null;
}

export interface MapCountry {
  isoCode: string;
  ref: EntityRef;
  count: number;
}

export interface MapPair {
  /** ISO codes, in alphabetical order. */
  a: string;
  b: string;
  count: number;
}

export interface MapPlace {
  ref: EntityRef;
  latitude: number;
  longitude: number;
  count: number;
}

export interface MapModel {
  countries: Map<string, MapCountry>;
  pairs: MapPair[];
  places: MapPlace[];
}

export function buildMap(meetings: readonly MapMeeting[]): MapModel {
  const countries = new Map<string, MapCountry>();
  const pairs = new Map<string, MapPair>();
  const places = new Map<string, MapPlace>();
  for (const meeting of meetings) {
    const codes = [...new Set(meeting.countries.map((country) => country.isoCode))].sort();
    for (const country of meeting.countries) {
      const known = countries.get(country.isoCode);
      if (known) known.count += 1;
      else countries.set(country.isoCode, { isoCode: country.isoCode, ref: { type: 'Country', id: country.id, slug: country.slug, name: country.name }, count: 1 });
    }
    for (let i = 0; i < codes.length; i++) {
      for (let j = i + 1; j < codes.length; j++) {
        const key = `${codes[i]}-${codes[j]}`;
        const pair = pairs.get(key) ?? { a: codes[i]!, b: codes[j]!, count: 0 };
        pair.count += 1;
        pairs.set(key, pair);
      }
    }
    const location = meeting.location;
    if (location?.coordinates) {
      const place = places.get(location.id) ?? { ref: { type: 'Place', id: location.id, slug: location.slug, name: location.name }, ...location.coordinates, count: 0 };
      place.count += 1;
      places.set(location.id, place);
    }
  }
  return { countries, pairs: [...pairs.values()].sort((x, y) => y.count - x.count), places: [...places.values()].sort((x, y) => y.count - x.count) };
}
