/**
 * The explorer page (GET /): a timeline and a relationship graph of the meetings loaded so
 * far, a search box, and a details panel, all reading the API at the page's own origin
 * through the typed SDK. The URL's hash names the entity whose details are open. A change
 * to a meeting, or to anything shown, refreshes what the page shows without a reload, and
 * a status line says what changed. The filter bar narrows the meetings every view shows;
 * the URL's `?filter=` holds the filter applied.
 */
import { createClient, EntenteError, type MeetingFilter } from '../../sdk/src';
import { CountsChart, type MonthCount } from './counts-chart';
import { DetailsPanel } from './details-panel';
import { byId, el, replaceChildren } from './dom';
import { entityHash, parseEntityHash, type EntityRef } from './entity';
import { FilterForm } from './filter-form';
import { buildGraph, type Graph } from './graph-model';
import { GraphView } from './graph-view';
import { renderLegend } from './legend';
import { followChanges, type LiveChange } from './live-updates';
import { buildMap } from './map-model';
import { MAX_LINKS, MapView } from './map-view';
import { exportHref, filterJson, hrefWithFilter, readFilterParam } from './meeting-filter';
import { MeetingPages } from './meeting-pages';
import { SearchBox } from './search-box';
import { TimelineView } from './timeline';

/** The graph stays readable (and its layout quick) up to about this many nodes. */
const MAX_GRAPH_NODES = 300;
const DEFAULT_PAGE_SIZE = 50;

const client = createClient({ url: '/graphql' });
const pages = new MeetingPages(client, pageSizeFromUrl());
const status = byId('status');
const loadMore = byId<HTMLButtonElement>('load-more');
const graphPage = byId<HTMLSelectElement>('graph-page');
const liveStatus = byId('live-status');
/** The graph drawn last: a change to any entity in it is a change the page shows. */
let drawn: Graph | null = null;
/** The entity whose details are open, by global id. */
let selected: string | null = null;
/** What went wrong with the last filter asked for, said before the count of meetings until a filter applies. */
let filterProblem: string | null = null;
/** The export formats the server has (`GET /export`), each linked with the filter applied. */
let exportFormats: { name: string; path: string; extension: string; description: string }[] = [];

const open = (ref: EntityRef) => {
  const hash = entityHash(ref);
  highlight(ref.id);
  if (location.hash === hash) void showFromHash();
  else location.hash = hash;
};

const timeline = new TimelineView(byId('timeline'), open);
const counts = new CountsChart(byId('counts'));
const graph = new GraphView(byId('graph'), open);
const map = new MapView(byId('map'), open);
/** Which view of the meetings the lower panel shows. */
let showing: 'graph' | 'map' = 'graph';
const details = new DetailsPanel(byId('details'), client, open);
new SearchBox(byId<HTMLFormElement>('search-form'), byId<HTMLInputElement>('search'), byId('search-results'), client, open);
const filterForm = new FilterForm(byId<HTMLFormElement>('filter-form'), (filter) => void applyFilter(filter, 'form'));

byId('zoom-in').addEventListener('click', () => graph.zoom(1 / 1.25));
byId('zoom-out').addEventListener('click', () => graph.zoom(1.25));
byId('zoom-fit').addEventListener('click', () => graph.fit());
loadMore.addEventListener('click', () => void loadNextPage());
graphPage.addEventListener('change', () => drawGraph(Number(graphPage.value)));
for (const [tab, view] of [
  ['tab-graph', 'graph'],
  ['tab-map', 'map'],
] as const) {
  byId(tab).addEventListener('click', () => showView(view));
  byId(tab).addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    showView(view === 'graph' ? 'map' : 'graph');
    byId(view === 'graph' ? 'tab-map' : 'tab-graph').focus();
  });
}
window.addEventListener('hashchange', () => void showFromHash());
// Back and forward move between filters too (a change of hash alone changes none).
window.addEventListener('popstate', () => {
  const { filter } = readFilterParam(location.search);
  if (filterJson(filter) === filterJson(pages.filter)) return;
  filterForm.fill(filter);
  void applyFilter(filter, 'address');
});

void start();

/** Loads the first page and the details the URL names, then follows the changes made since the data was read. */
async function start(): Promise<void> {
  // Asked before the meetings: the changes after this version include any the pages miss.
  const version = await dataVersion();
  void loadExportFormats();
  const fromUrl = readFilterParam(location.search);
  if (fromUrl.problem !== null) {
    filterProblem = `The filter in the address was ignored: ${fromUrl.problem}.`;
    history.replaceState(history.state, '', hrefWithFilter(location.href, null));
  }
  filterForm.fill(fromUrl.filter);
  // A filter the API refuses leaves the form showing it, to be mended, and the page all the meetings.
  if (!fromUrl.filter || !(await applyFilter(fromUrl.filter, 'address'))) {
    await loadNextPage();
    void showCounts();
    showExports();
  }
  await showFromHash();
  if (version !== null) followChanges({ after: version, onChanges: (changes) => void refresh(changes), onState: showLiveState });
}

/** The data version (the last change's seq), or null when it cannot be read: the page then does without live updates. */
async function dataVersion(): Promise<number | null> {
  try {
    return (await client.Changes({ first: 0 })).changes.totalCount;
  } catch {
    return null;
  }
}

/** Loads one more page of meetings and shows it in the timeline and the graph. */
async function loadNextPage(): Promise<void> {
  loadMore.disabled = true;
  setStatus(pages.pages.length === 0 ? 'Loading meetings…' : 'Loading more meetings…');
  try {
    await pages.loadNext();
  } catch (error) {
    setStatus(`Could not load meetings: ${describeError(error)}`, true);
    loadMore.disabled = false;
    return;
  }
  loadMore.disabled = false;
  // The page just loaded is the one the reader asked to see.
  showPages(pages.pages.length - 1);
}

/**
 * Shows the meetings `filter` matches (null: all meetings) in every view: the timeline, the
 * graph, the map and the counts chart. A filter from the form becomes a new entry of the
 * history (so Back returns to the one before); one from the address is in it already. False
 * when the API refused it: the page then shows what it showed, the status line says why, and
 * the address names the filter shown.
 */
async function applyFilter(filter: MeetingFilter | null, from: 'form' | 'address'): Promise<boolean> {
  filterForm.setBusy(true);
  loadMore.disabled = true;
  setStatus(filter ? 'Loading the meetings matching the filter…' : 'Loading meetings…');
  try {
    await pages.setFilter(filter);
  } catch (error) {
    const reason = error instanceof EntenteError ? `(${error.code}): ${error.message.replace(/\.?$/, '.')}` : `: ${String(error)}.`;
    filterProblem = `${from === 'address' ? 'The filter in the address was not applied' : 'The filter was not applied'} ${reason}`;
    if (from === 'address') history.replaceState(history.state, '', hrefWithFilter(location.href, pages.filter));
    showStatus();
    return false;
  } finally {
    filterForm.setBusy(false);
    loadMore.disabled = false;
  }
  filterProblem = null;
  filterForm.fill(filter);
  const href = hrefWithFilter(location.href, filter);
  if (from === 'form' && href !== location.href) history.pushState(history.state, '', href);
  showPages(pages.pages.length - 1);
  void showCounts();
  showExports();
  // Scrolls the entity open back into view if the filtered views still show it.
  highlight(selected);
  return true;
}

/** The server's export formats, for the export links; without them the page has no export line. */
async function loadExportFormats(): Promise<void> {
  try {
    const response = await fetch('/export', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    exportFormats = ((await response.json()) as { formats: typeof exportFormats }).formats;
  } catch {
    return;
  }
  showExports();
}

/** "Export these meetings: plover (jsonl) · meetings (csv) · …", each link carrying the filter applied. */
function showExports(): void {
  const line = byId('export-links');
  byId('export-menu').hidden = exportFormats.length === 0;
  const links = exportFormats.flatMap((format, index) => [
    index > 0 ? ' · ' : null,
    el('a', { href: exportHref(format.path, pages.filter), title: format.description, 'data-format': format.name }, [`${format.name} (${format.extension})`]),
  ]);
  replaceChildren(line, [pages.filter ? 'Export these meetings: ' : 'Export all meetings: ', ...links]);
}

/** After changes: loads the pages shown again when a change concerns them, and says what changed. */
async function refresh(changes: LiveChange[]): Promise<void> {
  const shown = new Set([...pages.meetings.map((meeting) => meeting.id), ...(drawn?.nodes.map((node) => node.id) ?? [])]);
  const relevant = changes.filter((change) => change.entityType === 'MEETING' || shown.has(change.entityId));
  if (relevant.length === 0) return;
  try {
    await pages.reload();
  } catch (error) {
    liveStatus.textContent = `Could not refresh the meetings: ${error instanceof EntenteError ? error.code : String(error)}`;
    return;
  }
  showPages(Math.min(Number(graphPage.value) || 0, pages.pages.length - 1));
  void showCounts();
  liveStatus.textContent = describeChanges(relevant);
  // The details open show an entity that changed: show it as it is now.
  if (selected !== null && relevant.some((change) => change.entityId === selected)) void showFromHash();
}

/** "1 new meeting, 2 meetings changed": what a batch of changes did, for the live status line. */
function describeChanges(changes: LiveChange[]): string {
  const meetings = (operation: LiveChange['operation']) => changes.filter((change) => change.entityType === 'MEETING' && change.operation === operation).length;
  const counts: [number, string, string][] = [
    [meetings('CREATE'), 'new meeting', 'new meetings'],
    [meetings('UPDATE'), 'meeting changed', 'meetings changed'],
    [meetings('DELETE'), 'meeting deleted', 'meetings deleted'],
    [changes.filter((change) => change.entityType !== 'MEETING').length, 'other change', 'other changes'],
  ];
  return counts
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`)
    .join(', ');
}

/** The live status line says whether changes are followed (until a change replaces it with what changed). */
function showLiveState(state: 'live' | 'paused'): void {
  liveStatus.classList.toggle('is-paused', state === 'paused');
  liveStatus.textContent = state === 'live' ? 'Live updates on' : 'Live updates paused: reconnecting…';
}

/** Counts the requests for the chart's counts: only the last one asked is drawn. */
let countsAsked = 0;

/**
 * The meetings per month of all the meetings the API holds that match the filter (not only
 * those loaded), from `meetingStats`: certainly in the month, and with the shares of dates
 * spanning months.
 */
async function showCounts(): Promise<void> {
  const filter = pages.filter;
  const asked = ++countsAsked;
  try {
    const [certain, split] = await Promise.all(
      (['CERTAIN', 'SPLIT'] as const).map(async (dateCounting) => (await client.MeetingStats({ groupBy: ['MONTH'], dateCounting, ...(filter ? { filter } : {}) })).meetingStats.groups),
    );
    // A filter applied since asked: its own counts are on their way.
    if (asked !== countsAsked) return;
    const months = new Map<string, MonthCount>();
    const monthOf = (group: { keys: readonly { value: string | null }[] }) => group.keys[0]?.value ?? null;
    for (const group of split!) {
      const month = monthOf(group);
      if (month !== null) months.set(month, { month, certain: 0, share: group.count });
    }
    for (const group of certain!) {
      const month = monthOf(group);
      const known = month === null ? undefined : months.get(month);
      if (known) known.certain = group.count;
    }
    const unbounded = split!.find((group) => monthOf(group) === null)?.count ?? 0;
    counts.render([...months.values()], unbounded);
    counts.showSpan(timeline.span());
  } catch {
    // The chart is an aid: without it the timeline still shows every loaded meeting.
    if (asked === countsAsked) counts.render([], 0);
  }
}

/** Shows the loaded pages: the status, the timeline, the graph page menu and graph page `graphIndex`. */
function showPages(graphIndex: number): void {
  showStatus();
  loadMore.hidden = !pages.hasNextPage;
  timeline.render(pages.meetings);
  counts.showSpan(timeline.span());
  replaceChildren(
    graphPage,
    pages.pages.map((page, index) => {
      const first = pages.pages.slice(0, index).reduce((count, earlier) => count + earlier.length, 0) + 1;
      return el('option', { value: index }, [`Meetings ${first}–${first + page.length - 1}`]);
    }),
  );
  graphPage.hidden = showing !== 'graph' || pages.pages.length < 2;
  graphPage.value = String(graphIndex);
  drawGraph(graphIndex);
}

/** Shows the relationship graph or the map in the lower panel, both of the same page of meetings. */
function showView(view: 'graph' | 'map'): void {
  showing = view;
  for (const [tab, panel, shown] of [
    ['tab-graph', 'graph-view', view === 'graph'],
    ['tab-map', 'map-view', view === 'map'],
  ] as const) {
    byId(tab).setAttribute('aria-selected', String(shown));
    byId(tab).tabIndex = shown ? 0 : -1;
    byId(panel).hidden = !shown;
  }
  byId('zoom').hidden = view !== 'graph';
  graphPage.hidden = view !== 'graph' || pages.pages.length < 2;
  drawGraph(Number(graphPage.value) || 0);
}

/** Draws page `index`'s meetings' neighbourhood as a graph, or every loaded meeting's countries and places on the map. */
function drawGraph(index: number): void {
  const meetings = pages.pages[index] ?? [];
  if (showing === 'map') {
    // The map holds every loaded meeting, not one page: a country or a pair is drawn once however many meet.
    const loaded = pages.meetings;
    const model = buildMap(loaded);
    const description = `Map of the ${count(loaded.length, 'meeting')} loaded: ${count(model.countries.size, 'country', 'countries')}, ${count(model.pairs.length, 'pair')} of countries that met, ${count(model.places.length, 'place')}`;
    map.render(model, description);
    const arcs = model.pairs.length > MAX_LINKS ? `${model.pairs.length} pairs (arcs for the ${MAX_LINKS} busiest)` : count(model.pairs.length, 'pair');
    // A filter can leave one meeting, one place: the caption says "1 meeting", not "1 meetings".
    byId('graph-caption').textContent = `${count(loaded.length, 'meeting')}: ${count(model.countries.size, 'country', 'countries')}, ${arcs}, ${count(model.places.length, 'place')} with coordinates`;
    graphPage.hidden = true;
    return;
  }
  const model = buildGraph(meetings, MAX_GRAPH_NODES);
  drawn = model;
  const cut = model.meetingCount < meetings.length ? ` (${model.meetingCount} of this page's ${meetings.length} meetings fit)` : '';
  graph.render(model, `Relationship graph of ${model.meetingCount} meetings: ${model.nodes.length} entities and ${model.edges.length} links${cut}`);
  byId('graph-caption').textContent = `${model.nodes.length} entities, ${model.edges.length} links${cut}`;
  renderLegend(byId('graph-legend'), new Set(model.nodes.map((node) => node.kind)), new Set(model.edges.map((edge) => edge.kind)));
}

/** Opens the details the URL's hash names (or the introduction when it names none). */
async function showFromHash(): Promise<void> {
  // The review page has its own address; `#/review` is a name for it too.
  if (location.hash === '#/review') {
    location.replace('/review');
    return;
  }
  const ref = parseEntityHash(location.hash);
  if (!ref) {
    details.showIntro();
    highlight(null);
    return;
  }
  const id = await details.show(ref);
  if (id) highlight(id);
}

function highlight(id: string | null): void {
  selected = id;
  graph.select(id);
  map.select(id);
  timeline.select(id);
}

/** The status line: how many meetings are loaded (of those the filter matches), after what went wrong with a filter. */
function showStatus(): void {
  const loaded = pages.meetings.length;
  const total = pages.totalCount;
  const shown = pages.filter
    ? total === 0
      ? 'No meeting matches the filter.'
      : `${loaded} of ${count(total, 'meeting')} matching the filter loaded`
    : `${loaded} of ${count(total, 'meeting')} loaded`;
  setStatus(filterProblem ? `${filterProblem} ${shown}` : shown, filterProblem !== null);
}

/** "1 meeting", "2 meetings". */
function count(value: number, one: string, many = `${one}s`): string {
  return `${value} ${value === 1 ? one : many}`;
}

/** "message (CODE)" of an API error. */
function describeError(error: unknown): string {
  return error instanceof EntenteError ? `${error.message} (${error.code})` : String(error);
}

function setStatus(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('is-error', isError);
}

/** `?pageSize=N` (1 to 100) changes how many meetings a request asks for; 50 by default. */
function pageSizeFromUrl(): number {
  const value = Number(new URLSearchParams(location.search).get('pageSize'));
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : DEFAULT_PAGE_SIZE;
}
