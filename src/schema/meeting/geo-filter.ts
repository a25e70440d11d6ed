/**
 * The geographic conditions of MeetingFilter, `within` (a bounding box) and `near` (a
 * point and a radius), resolved to the places that meet them: places are few, so they are
 * read whole and tested here, and the meetings then match through the `location` index
 * like any list of places. A meeting whose location has no coordinates (or none) is in no
 * area. Out-of-range numbers are BAD_USER_INPUT naming the field.
 */
import { Field, Float, InputType } from 'type-graphql';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Loaders } from '../../loaders/create-loaders';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { CoordinatesRecord } from '../../store/contract/records';

@InputType({
  description:
    'A box of latitudes and longitudes in decimal degrees (WGS 84). It spans from `west` eastwards to `east`: when `west` is greater than `east` it crosses the antimeridian (e.g. west 170, east -170 covers 170°E to 170°W).',
})
export class BoundingBox {
  @Field(() => Float, { description: 'The southern edge, a latitude from -90 to 90; at most `north`.' })
  south!: number;

  @Field(() => Float, { description: 'The western edge, a longitude from -180 to 180.' })
  west!: number;

  @Field(() => Float, { description: 'The northern edge, a latitude from -90 to 90.' })
  north!: number;

  @Field(() => Float, { description: 'The eastern edge, a longitude from -180 to 180 (less than `west` when the box crosses the antimeridian).' })
  east!: number;
}

@InputType({ description: 'A circle on the Earth: the points within `kilometres` (great-circle distance) of a point.' })
export class NearPoint {
  @Field(() => Float, { description: 'The centre\'s latitude, -90 to 90.' })
  latitude!: number;

  @Field(() => Float, { description: 'The centre\'s longitude, -180 to 180.' })
  longitude!: number;

  @Field(() => Float, { description: 'The radius in kilometres, more than 0 and at most 20,016 (half the Earth\'s circumference: the whole Earth).' })
  kilometres!: number;
}

/** The mean radius of the Earth in kilometres (IUGG), for great-circle distances. */
const EARTH_RADIUS_KM = 6371.0088;
/** Half the Earth's circumference: the farthest two points can be. */
const MAX_KILOMETRES = 20016;

/** `value` when it lies in [min, max]; otherwise BAD_USER_INPUT naming `field`. */
function inRange(value: number, min: number, max: number, field: string, what: string): number {
  if (!(value >= min && value <= max)) throw new BadUserInputError(`"${field}" must be ${what} from ${min} to ${max}; got ${value}.`, field);
  return value;
}

/** The great-circle distance in kilometres between two points (haversine formula). */
export function kilometresBetween(a: CoordinatesRecord, b: CoordinatesRecord): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The test a point must pass to lie in `box`, after checking its edges (`field` names the argument). */
function insideBox(box: BoundingBox, field: string): (point: CoordinatesRecord) => boolean {
  const south = inRange(box.south, -90, 90, `${field}.south`, 'a latitude');
  const north = inRange(box.north, -90, 90, `${field}.north`, 'a latitude');
  const west = inRange(box.west, -180, 180, `${field}.west`, 'a longitude');
  const east = inRange(box.east, -180, 180, `${field}.east`, 'a longitude');
  if (south > north) throw new BadUserInputError(`"${field}.south" (${south}) must not be north of "${field}.north" (${north}).`, `${field}.south`);
  // West of east: one span; east of it, the box crosses the antimeridian and is two.
  const inLongitude = west <= east ? (lon: number) => lon >= west && lon <= east : (lon: number) => lon >= west || lon <= east;
  return (point) => point.latitude >= south && point.latitude <= north && inLongitude(point.longitude);
}

/** The test a point must pass to lie near `near`, after checking it (`field` names the argument). */
function insideCircle(near: NearPoint, field: string): (point: CoordinatesRecord) => boolean {
  const centre = { latitude: inRange(near.latitude, -90, 90, `${field}.latitude`, 'a latitude'), longitude: inRange(near.longitude, -180, 180, `${field}.longitude`, 'a longitude') };
  if (!(near.kilometres > 0 && near.kilometres <= MAX_KILOMETRES)) {
    throw new BadUserInputError(`"${field}.kilometres" must be more than 0 and at most ${MAX_KILOMETRES}; got ${near.kilometres}.`, `${field}.kilometres`);
  }
  return (point) => kilometresBetween(centre, point) <= near.kilometres;
}

/**
 * The slugs of the places with coordinates inside `within` and `near` (both, when both are
 * given), for a `location` condition; undefined when neither is given (no condition).
 * `field` is the filter's argument path, e.g. "filter".
 */
export function placesInArea(loaders: Loaders, area: { within?: BoundingBox | null; near?: NearPoint | null }, field: string): PromiseOrValue<string[] | undefined> {
  const tests = [...(area.within ? [insideBox(area.within, `${field}.within`)] : []), ...(area.near ? [insideCircle(area.near, `${field}.near`)] : [])];
  if (tests.length === 0) return undefined;
  return then(loaders.placePages.load({ order: { field: 'NAME', direction: 'ASC' }, first: null }), (page) =>
    page.items.flatMap(({ entity }) => (entity.coordinates !== undefined && tests.every((inside) => inside(entity.coordinates!)) ? [entity.slug] : [])),
  );
}
