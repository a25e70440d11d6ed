/**
 * The map: a world map of Natural Earth's country shapes (world-atlas, 1:110m, bundled with
 * the page: no tiles, no CDN), drawn with d3-geo in the Natural Earth projection. Countries
 * that took part in the meetings shown are shaded by how many; each pair of countries that
 * met is joined by a great-circle arc as thick as their meetings are many; meeting places
 * with coordinates are dots. Countries and places are buttons that open their details.
 */
import { geoArea, geoCentroid, geoNaturalEarth1, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { numericToAlpha2 } from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json';
import { onActivate, replaceChildren, svg } from './dom';
import type { EntityRef } from './entity';
import type { MapModel } from './map-model';

type CountryFeature = Feature<Polygon | MultiPolygon, { name: string }>;

/** The world's countries once, with each one's ISO alpha-2 code and the point its links start from. */
const WORLD: { feature: CountryFeature; isoCode: string | undefined; anchor: [number, number] }[] = (() => {
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return collection.features
    .filter((country): country is CountryFeature => country.geometry?.type === 'Polygon' || country.geometry?.type === 'MultiPolygon')
    .map((country) => ({ feature: country, isoCode: country.id === undefined ? undefined : numericToAlpha2(String(country.id)), anchor: anchorOf(country) }));
})();

/** Where a country's links meet it: the centre of its largest polygon (mainland France, not the middle of its territories). */
function anchorOf(country: CountryFeature): [number, number] {
  if (country.geometry.type === 'Polygon') return geoCentroid(country);
  const largest = country.geometry.coordinates
    .map((coordinates): Polygon => ({ type: 'Polygon', coordinates }))
    .reduce((best, polygon) => (geoArea(polygon) > geoArea(best) ? polygon : best));
  return geoCentroid(largest);
}

/** The most arcs drawn: the busiest pairs of countries. */
export const MAX_LINKS = 60;

/** Shading steps of a country by its meetings, as a share of the busiest country's. */
const SHADES = 5;

export class MapView {
  private readonly element = svg('svg', { class: 'map-svg', role: 'group' });
  private model: MapModel | null = null;
  private selectedId: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (ref: EntityRef) => void,
  ) {
    container.append(this.element);
    new ResizeObserver(() => this.draw()).observe(container);
  }

  /** Draws `model`; `description` labels the map for screen readers. */
  render(model: MapModel, description: string): void {
    this.model = model;
    this.element.setAttribute('aria-label', description);
    this.draw();
  }

  /** Marks the country or place of `id` (a global id), if drawn. */
  select(id: string | null): void {
    this.selectedId = id;
    for (const element of this.element.querySelectorAll<SVGElement>('[data-id]')) element.classList.toggle('is-selected', element.dataset.id === id);
  }

  private draw(): void {
    const model = this.model;
    const { clientWidth: width, clientHeight: height } = this.container;
    if (!model || width === 0 || height === 0) return;
    this.element.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const projection = framed(model, width, height);
    const path = geoPath(projection);
    const busiest = Math.max(1, ...[...model.countries.values()].map((country) => country.count));
    const anchors = new Map(WORLD.filter((country) => country.isoCode !== undefined).map((country) => [country.isoCode!, country.anchor]));

    const sphere = svg('path', { class: 'map-sphere', d: path({ type: 'Sphere' }) ?? '' });
    const countries = WORLD.map(({ feature: shape, isoCode }) => {
      const involved = isoCode === undefined ? undefined : model.countries.get(isoCode);
      if (!involved) return svg('path', { class: 'map-country', d: path(shape) ?? '' }, [svg('title', {}, [shape.properties.name])]);
      const shade = Math.max(1, Math.ceil((involved.count / busiest) * SHADES));
      // The arcs pass over the countries without catching the pointer: a country names its partners instead.
      const partners = model.pairs
        .filter((pair) => pair.a === isoCode || pair.b === isoCode)
        .map((pair) => `${model.countries.get(pair.a === isoCode ? pair.b : pair.a)?.ref.name ?? ''} ${pair.count}`);
      const label = `${involved.ref.name}: ${meetings(involved.count)}${partners.length > 0 ? `; with ${partners.join(', ')}` : ''}`;
      const element = svg(
        'path',
        {
          class: `map-country is-involved shade-${shade}`,
          d: path(shape) ?? '',
          tabindex: 0,
          role: 'button',
          'data-id': involved.ref.id,
          'aria-label': label,
        },
        [svg('title', {}, [label])],
      );
      onActivate(element, () => this.onSelect(involved.ref));
      return element;
    });
    const busiestPair = Math.max(1, ...model.pairs.map((pair) => pair.count));
    // Only the busiest pairs get an arc (pairs come busiest first): a thousand arcs would hide the map.
    const links = model.pairs.slice(0, MAX_LINKS).flatMap((pair) => {
      const [a, b] = [anchors.get(pair.a), anchors.get(pair.b)];
      if (!a || !b) return [];
      const names = [pair.a, pair.b].map((code) => model.countries.get(code)?.ref.name ?? code).join(' – ');
      return [
        svg(
          'path',
          {
            class: 'map-link',
            d: path({ type: 'LineString', coordinates: [a, b] } as GeoPermissibleObjects) ?? '',
            'stroke-width': (1 + 4 * Math.sqrt(pair.count / busiestPair)).toFixed(1),
            'stroke-opacity': (0.3 + 0.55 * Math.sqrt(pair.count / busiestPair)).toFixed(2),
            'data-pair': `${pair.a}-${pair.b}`,
            'aria-label': `${names}: ${meetings(pair.count)}`,
          },
        ),
      ];
    });
    const places = model.places.flatMap((place) => {
      const point = projection([place.longitude, place.latitude]);
      if (!point) return [];
      const element = svg(
        'circle',
        {
          class: 'map-place',
          cx: point[0].toFixed(1),
          cy: point[1].toFixed(1),
          r: (3 + 2 * Math.sqrt(place.count)).toFixed(1),
          tabindex: 0,
          role: 'button',
          'data-id': place.ref.id,
          'aria-label': `${place.ref.name}: ${meetings(place.count)}`,
        },
        [svg('title', {}, [`${place.ref.name}: ${meetings(place.count)}`])],
      );
      onActivate(element, () => this.onSelect(place.ref));
      return [element];
    });
    replaceChildren(this.element, [sphere, svg('g', { class: 'map-countries' }, countries), svg('g', { class: 'map-links' }, links), svg('g', { class: 'map-places' }, places)]);
    this.select(this.selectedId);
  }
}

/** How far the map may zoom in on the countries shown, against the whole world's scale. */
const MAX_ZOOM = 6;

/** The projection framing the countries that took part (and the places), the whole world when none did, zoomed in at most MAX_ZOOM times. */
function framed(model: MapModel, width: number, height: number) {
  const extent: [[number, number], [number, number]] = [
    [12, 12],
    [width - 12, height - 12],
  ];
  const projection = geoNaturalEarth1().fitExtent(extent, { type: 'Sphere' });
  const world = projection.scale();
  const shown: Feature[] = [
    ...WORLD.filter(({ isoCode }) => isoCode !== undefined && model.countries.has(isoCode)).map(({ feature: shape }) => shape),
    ...model.places.map((place): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [place.longitude, place.latitude] } })),
  ];
  if (shown.length === 0) return projection;
  const focus: FeatureCollection = { type: 'FeatureCollection', features: shown };
  projection.fitExtent(extent, focus);
  if (projection.scale() > world * MAX_ZOOM) {
    const [x, y] = geoCentroid(focus);
    projection.scale(world * MAX_ZOOM).center([0, 0]).rotate([-x, 0]).translate([width / 2, height / 2]);
    const point = projection([x, y]);
    if (point) projection.translate([width - point[0], height - point[1]]);
  }
  return projection;
}

function meetings(count: number): string {
  return `${count} meeting${count === 1 ? '' : 's'}`;
}
