/**
 * The review page (GET /review): a report's text and metadata go to `draftBundle`; the
 * text is shown with every proposed item's words marked, beside the list of items to
 * accept, edit or reject, each with the stored record it is or may be. After every change
 * the reviewed bundle goes to `importPlan`, which says what the import would create,
 * reuse and add to, and what stops it; `importBundle`, with the reviewer's writer token,
 * imports it once every item is reviewed and nothing stops it. Nothing is written before.
 */
import { createClient, EntenteError, type ImportBundleMutation, type ImportPlanQuery } from '../../../sdk/src';
import { byId, el, replaceChildren } from '../dom';
import { entityHash, type EntityType } from '../entity';
import { recordName, type Bundle } from './bundle-records';
import { ItemList, type ItemPlan } from './item-list';
import { addItem, reviewedBundle, startReview, type ItemKind, type Proposal, type Review, type ReviewedBundle } from './review-model';
import { findWords, sentenceAround, type Span } from './text-spans';
import { TextView } from './text-view';

/** The writer token is kept for the browser tab only. */
const TOKEN_KEY = 'entente.review.token';
/** Planning waits this long after a change, so that a burst of keys costs one request. */
const PLAN_DELAY_MS = 250;

const client = createClient({ url: '/graphql' });
const status = byId('status');
const form = byId<HTMLFormElement>('draft-form');
const textInput = byId<HTMLTextAreaElement>('report-text');
const fileInput = byId<HTMLInputElement>('report-file');
const publishedOn = byId<HTMLInputElement>('published-on');
const titleInput = byId<HTMLInputElement>('report-title');
const publisherInput = byId<HTMLInputElement>('publisher');
const urlInput = byId<HTMLInputElement>('report-url');
const draftButton = byId<HTMLButtonElement>('draft-button');
const reportView = byId('report-view');
const newReport = byId<HTMLButtonElement>('new-report');
const addForm = byId<HTMLFormElement>('add-form');
const addWords = byId<HTMLInputElement>('add-words');
const addKind = byId<HTMLSelectElement>('add-kind');
const addMessage = byId('add-message');
const itemsCount = byId('items-count');
const acceptRest = byId<HTMLButtonElement>('accept-rest');
const planSummary = byId('plan-summary');
const planProblems = byId('plan-problems');
const importForm = byId<HTMLFormElement>('import-form');
const tokenInput = byId<HTMLInputElement>('token');
const importButton = byId<HTMLButtonElement>('import-button');
const importNote = byId('import-note');
const importResult = byId('import-result');

let review: Review | null = null;
let reviewed: ReviewedBundle | null = null;
let plan: ImportPlanQuery['importPlan'] | null = null;
/** Counts the plans asked for: an answer to an older one is dropped. */
let planRequest = 0;
let planTimer: ReturnType<typeof setTimeout> | undefined;
let importing = false;
let imported = false;

const textView = new TextView(byId('report-text-view'), (id) => items.focusItem(id));
const items = new ItemList(byId<HTMLOListElement>('items'), { changed: () => update(), focused: (id) => textView.focus(id) });

tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
tokenInput.addEventListener('input', () => {
  sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
  showImportState();
});
fileInput.addEventListener('change', () => void readFile());
textInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void draft();
});
newReport.addEventListener('click', () => showForm());
acceptRest.addEventListener('click', () => {
  for (const item of review?.items ?? []) if (item.status === 'pending') item.status = 'accepted';
  update();
});
document.addEventListener('selectionchange', () => {
  const span = textView.selection();
  if (span) addWords.value = span.quote;
});
addForm.addEventListener('submit', (event) => {
  event.preventDefault();
  addFromWords();
});
importForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void importReviewed();
});

/** Puts an opened text file's contents in the text box. */
async function readFile(): Promise<void> {
  const file = fileInput.files?.[0];
  if (!file) return;
  if (file.size > 10 * 1024 * 1024) {
    setStatus(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: a report is a few kilobytes of text.`, true);
    return;
  }
  textInput.value = await file.text();
  setStatus(`Opened ${file.name}: ${textInput.value.length.toLocaleString('en')} characters.`);
}

/** Drafts the report in the form and starts its review. */
async function draft(): Promise<void> {
  const text = textInput.value;
  if (text.trim() === '') {
    setStatus('Paste the text of a report, or open a text file, first.', true);
    textInput.focus();
    return;
  }
  draftButton.disabled = true;
  setStatus('Drafting…');
  try {
    const { draftBundle } = await client.DraftBundle({
      text,
      publishedOn: publishedOn.value || null,
      title: titleInput.value.trim() || null,
      publisher: publisherInput.value.trim() || null,
      url: urlInput.value.trim() || null,
    });
    review = startReview(draftBundle.bundle as Bundle, draftBundle.proposals as Proposal[]);
    plan = null;
    imported = false;
    replaceChildren(importResult, []);
    form.hidden = true;
    reportView.hidden = false;
    newReport.hidden = false;
    const count = review.items.length - 1;
    setStatus(
      count === 0
        ? 'The draft found nothing in this text (drafting reads English): add items by selecting their words, or import the report alone.'
        : `Drafted ${count} item${count === 1 ? '' : 's'}: review each against its words, then import.`,
    );
    update();
    byId('items').querySelector<HTMLElement>('.review-item[tabindex="0"]')?.focus();
  } catch (error) {
    setStatus(`Could not draft the report: ${describeError(error)}`, true);
  } finally {
    draftButton.disabled = false;
  }
}

function showForm(): void {
  form.hidden = false;
  reportView.hidden = true;
  newReport.hidden = true;
  review = null;
  reviewed = null;
  plan = null;
  replaceChildren(byId('items'), []);
  replaceChildren(planProblems, []);
  planSummary.textContent = '';
  itemsCount.textContent = '';
  acceptRest.hidden = true;
  showImportState();
  textInput.focus();
}

/** After any change of the review: the text, the list and the counts again, and a new plan. */
function update(): void {
  if (!review) return;
  reviewed = reviewedBundle(review);
  const current = reviewed;
  const live = review.items.filter((item) => item.kind !== 'SOURCE' && item.status !== 'rejected' && !current.droppedWith.has(item.id));
  textView.render(String(review.draft.source.text), live.map(({ id, kind, span }) => ({ id, kind, span })));
  plan = null;
  planSummary.textContent = 'Checking what the import would do…';
  render();
  showImportState();
  clearTimeout(planTimer);
  planTimer = setTimeout(() => void planImport(current), PLAN_DELAY_MS);
}

/** The list with what the last plan says of each item, and the counts. */
function render(): void {
  if (!review || !reviewed) return;
  const plans = new Map<string, ItemPlan>();
  const planFor = (id: string) => plans.get(id) ?? plans.set(id, { problems: [] }).get(id)!;
  if (plan) {
    for (const record of plan.records) {
      const id = reviewed.itemAt.get(record.path);
      if (id !== undefined) planFor(id).action = record.action;
    }
    for (const problem of plan.problems) {
      const path = /^(source|[a-z]+\[\d+\])/.exec(problem.path)?.[1];
      const id = path === undefined ? undefined : reviewed.itemAt.get(path);
      const field = path === undefined ? problem.path : problem.path.slice(path.length).replace(/^\./, '');
      const message = field === '' ? describeProblem(problem) : `${field}: ${problem.message}`;
      if (id !== undefined) planFor(id).problems.push(message);
    }
  }
  items.render(review, reviewed, plans);
  const reviewable = review.items.filter((item) => item.kind !== 'SOURCE');
  const pending = reviewable.filter((item) => item.status === 'pending').length;
  const rejected = reviewable.filter((item) => item.status === 'rejected').length;
  itemsCount.textContent = `${reviewable.length} items: ${reviewable.length - pending - rejected} accepted, ${rejected} rejected, ${pending} not reviewed`;
  acceptRest.hidden = pending === 0;
  replaceChildren(
    planProblems,
    plan
      ? plan.problems.map((problem) => {
          const path = /^(source|[a-z]+\[\d+\])/.exec(problem.path)?.[1];
          const id = path === undefined ? undefined : reviewed!.itemAt.get(path);
          const link = el('button', { type: 'button', class: 'link-button' }, [id ? itemLabel(id) : problem.path]);
          if (id !== undefined) link.addEventListener('click', () => items.focusItem(id));
          const field = path === undefined ? '' : problem.path.slice(path.length).replace(/^\./, '');
          return el('li', {}, [link, `: ${field === '' ? describeProblem(problem) : `${field}: ${problem.message}`}`]);
        })
      : [],
  );
}

/** A problem as the page words it: a near match asks for the reviewer's choice on the page, not for `sameAs` in a file. */
function describeProblem(problem: { message: string; candidates: readonly unknown[] }): string {
  if (problem.candidates.length === 0) return problem.message;
  return `may be ${problem.candidates.length === 1 ? 'a stored record' : `one of ${problem.candidates.length} stored records`}: pick the one it is, or "None of these: a new record"`;
}

/** "Person Qairat Umarov": an item as the problems list names it. */
function itemLabel(id: string): string {
  const item = review?.items.find((candidate) => candidate.id === id);
  if (!item) return id;
  return `${item.kind.charAt(0)}${item.kind.slice(1).toLowerCase()} ${recordName(item.record)}`;
}

/** Asks what importing `bundle` would do, and shows it unless the review changed meanwhile. */
async function planImport(current: ReviewedBundle): Promise<void> {
  const request = ++planRequest;
  try {
    const { importPlan } = await client.ImportPlan({ bundle: current.bundle });
    if (request !== planRequest || current !== reviewed) return;
    plan = importPlan;
    // The plan may find stored records an item may be that the draft did not (after edits): the item offers them too.
    for (const record of importPlan.records) {
      const item = review?.items.find((candidate) => candidate.id === current.itemAt.get(record.path));
      if (!item) continue;
      for (const candidate of record.candidates) if (!item.candidates.some((known) => known.slug === candidate.slug)) item.candidates.push(candidate);
    }
    planSummary.textContent = `${importPlan.importable ? 'Ready: the import' : 'Not yet: the import'} would create ${importPlan.created}, reuse ${importPlan.reused} and add to ${importPlan.merged} stored record${importPlan.merged === 1 ? '' : 's'}${importPlan.importable ? '.' : `; ${importPlan.problems.length} problem${importPlan.problems.length === 1 ? '' : 's'} stop it.`}`;
  } catch (error) {
    if (request !== planRequest) return;
    plan = null;
    planSummary.textContent = `Could not check the import: ${describeError(error)}`;
  }
  render();
  showImportState();
}

/** Enables Import when it can succeed, and says what is missing when it cannot. */
function showImportState(): void {
  const pending = review?.items.filter((item) => item.status === 'pending').length ?? 0;
  const reason = !review
    ? 'Draft a report first.'
    : imported
      ? 'Imported. Draft another report with "New report".'
      : pending > 0
        ? `Review the ${pending} item${pending === 1 ? '' : 's'} not yet reviewed (accept or reject each).`
        : !plan
          ? 'Checking the import…'
          : !plan.importable
            ? 'Settle the problems above first.'
            : tokenInput.value.trim() === ''
              ? 'Give a writer token (one of the server\'s API_TOKENS).'
              : '';
  importButton.disabled = reason !== '' || importing;
  importNote.textContent = reason;
}

/** Imports the reviewed bundle with the reviewer's token, and links to what it stored. */
async function importReviewed(): Promise<void> {
  if (!reviewed || importButton.disabled) return;
  importing = true;
  showImportState();
  setStatus('Importing…');
  try {
    const writer = createClient({ url: '/graphql', token: tokenInput.value.trim() });
    const { importBundle } = await writer.ImportBundle({ bundle: reviewed.bundle });
    if (!importBundle) throw new Error('The server answered without a result.');
    imported = true;
    showImported(importBundle);
    setStatus(`Imported: ${importBundle.created} new record${importBundle.created === 1 ? '' : 's'}, ${importBundle.reused} reused, ${importBundle.merged} added to.`);
  } catch (error) {
    setStatus(`The report was not imported; nothing changed: ${describeError(error)}`, true);
    if (error instanceof EntenteError) {
      const problems = (error.errors[0]?.extensions.problems as { path: string; message: string }[] | undefined) ?? [];
      replaceChildren(importResult, problems.length > 0 ? [el('ul', { class: 'plan-problems' }, problems.map((problem) => el('li', {}, [`${problem.path}: ${problem.message}`])))] : []);
    }
  } finally {
    importing = false;
    showImportState();
  }
}

/** What the import stored, each a link to its details in the explorer. */
function showImported(result: NonNullable<ImportBundleMutation['importBundle']>): void {
  const link = (node: { id: string; __typename: string; slug?: string; name?: string; title?: string }) =>
    el('a', { href: `/${entityHash({ type: node.__typename as EntityType, id: node.id, slug: node.slug ?? '' })}` }, [node.name ?? node.title ?? node.slug ?? node.id]);
  const shown = result.records.filter(({ action, node }) => action !== 'REUSE' && ['Meeting', 'Person', 'Source', 'Organization', 'Place', 'Office'].includes(node.__typename));
  replaceChildren(importResult, [
    el('p', {}, ['Open in the explorer: ', link({ ...result.source, __typename: 'Source' })]),
    el(
      'ul',
      { class: 'imported-list' },
      shown.map(({ action, node }) =>
        el('li', {}, [el('span', { class: `item-action action-${action.toLowerCase()}` }, [action === 'CREATE' ? 'new' : 'added to']), ' ', link(node), el('span', { class: 'muted' }, [` ${node.__typename.toLowerCase()}`])]),
      ),
    ),
  ]);
}

/** Adds the words in the add box (selected or typed) as an item of the chosen kind. */
function addFromWords(): void {
  if (!review) return;
  const text = String(review.draft.source.text);
  const selected = textView.selection();
  const span: Span | null = selected && selected.quote === addWords.value ? selected : findWords(text, addWords.value);
  if (!span) {
    addMessage.textContent = addWords.value.trim() === '' ? 'Select words in the text, or type them, first.' : `"${addWords.value.trim()}" is not in the text.`;
    return;
  }
  const kind = addKind.value as ItemKind;
  const countries = review.items.filter((item) => item.kind === 'COUNTRY' && item.status !== 'rejected').map((item) => recordName(item.record));
  // Cited by its sentence: a quote of a bare name is too short to identify a statement.
  const citations = [{ quote: sentenceAround(text, span).quote }];
  const record =
    kind === 'PERSON'
      ? { name: span.quote, country: null, citations }
      : kind === 'ORGANIZATION'
        ? { name: span.quote, kind: 'OTHER', country: null, citations }
        : kind === 'PLACE'
          ? { name: span.quote, kind: 'CITY', country: countries[0] ?? null, citations }
          : { name: span.quote };
  const item = addItem(review, kind, span, record);
  addMessage.textContent = `Added ${kind.toLowerCase()} "${span.quote}": edit it in the list.`;
  addWords.value = '';
  update();
  items.focusItem(item.id);
}

function setStatus(message: string, isError = false): void {
  status.textContent = message;
  status.classList.toggle('is-error', isError);
}

function describeError(error: unknown): string {
  if (error instanceof EntenteError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
