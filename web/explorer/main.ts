/**
 * The explorer page (GET /): a timeline and a relationship graph of the meetings loaded so
 * far, a search box, and a details panel, all reading the API at the page's own origin
 * through the typed SDK. The URL's hash names the entity whose details are open.
 */
import { createClient, EntenteError } from '../../sdk';
import { DetailsPanel } from './details-panel';
import { byId, el, replaceChildren } from './dom';
import { entityHash, parseEntityHash, type EntityRef } from './entity';
import { buildGraph } from './graph-model';
import { GraphView } from './graph-view';
import { renderLegend } from './legend';
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

const open = (ref: EntityRef) => {
  const hash = entityHash(ref);
  highlight(ref.id);
  if (location.hash === hash) void showFromHash();
  else location.hash = hash;
};

const timeline = new TimelineView(byId('timeline'), open);
const graph = new GraphView(byId('graph'), open);
const details = new DetailsPanel(byId('details'), client, open);
new SearchBox(byId<HTMLFormElement>('search-form'), byId<HTMLInputElement>('search'), byId('search-results'), client, open);

byId('zoom-in').addEventListener('click', () => graph.zoom(1 / 1.25));
byId('zoom-out').addEventListener('click', () => graph.zoom(1.25));
byId('zoom-fit').addEventListener('click', () => graph.fit());
loadMore.addEventListener('click', () => void loadNextPage());
graphPage.addEventListener('change', () => drawGraph(Number(graphPage.value)));
window.addEventListener('hashchange', () => void showFromHash());

void loadNextPage().then(() => showFromHash());

/** Loads one more page of meetings and shows it in the timeline and the graph. */
async function loadNextPage(): Promise<void> {
  loadMore.disabled = true;
  setStatus(pages.pages.length === 0 ? 'Loading meetings…' : 'Loading more meetings…');
  try {
    await pages.loadNext();
  } catch (error) {
    setStatus(`Could not load meetings: ${error instanceof EntenteError ? `${error.message} (${error.code})` : String(error)}`, true);
    loadMore.disabled = false;
    return;
  }
  const loaded = pages.meetings.length;
  setStatus(`${loaded} of ${pages.totalCount} meeting${pages.totalCount === 1 ? '' : 's'} loaded`);
  loadMore.hidden = !pages.hasNextPage;
  loadMore.disabled = false;
  timeline.render(pages.meetings);
  replaceChildren(
    graphPage,
    pages.pages.map((page, index) => {
      const first = pages.pages.slice(0, index).reduce((count, earlier) => count + earlier.length, 0) + 1;
      return el('option', { value: index }, [`Meetings ${first}–${first + page.length - 1}`]);
    }),
  );
  graphPage.hidden = pages.pages.length < 2;
  // The page just loaded is the one the reader asked to see.
  graphPage.value = String(pages.pages.length - 1);
  drawGraph(pages.pages.length - 1);
}

/** Draws the neighbourhood of page `index`'s meetings. */
function drawGraph(index: number): void {
  const meetings = pages.pages[index] ?? [];
  const model = buildGraph(meetings, MAX_GRAPH_NODES);
  const cut = model.meetingCount < meetings.length ? ` (${model.meetingCount} of this page's ${meetings.length} meetings fit)` : '';
  graph.render(model, `Relationship graph of ${model.meetingCount} meetings: ${model.nodes.length} entities and ${model.edges.length} links${cut}`);
  byId('graph-caption').textContent = `${model.nodes.length} entities, ${model.edges.length} links${cut}`;
  renderLegend(byId('graph-legend'), new Set(model.nodes.map((node) => node.kind)), new Set(model.edges.map((edge) => edge.kind)));
}

/** Opens the details the URL's hash names (or the introduction when it names none). */
async function showFromHash(): Promise<void> {
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
  graph.select(id);
  timeline.select(id);
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
