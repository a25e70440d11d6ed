/**
 * One details view per entity type: what to fetch (through the SDK) and how to show it.
 * Each resolves to the entity's heading and its sections, or null when the server has no
 * such entity.
 */
import type { MeetingOrder, Sdk, TenureSummaryFragment } from '../../sdk/src';
import { el, type Child } from './dom';
import type { EntityRef } from './entity';
import { fields, humanize, meetingList, refButton, section, ShownQuotes, type Open } from './details-parts';

/** What a details view shows. */
export interface DetailsView {
  /** The entity's global id. */
  id: string;
  title: string;
  /** The kind of entity, with any subtype: "Person", "Meeting · Bilateral meeting". */
  kind: string;
  sections: Child[];
}

const PAGE = 20;
const BY_DATE: MeetingOrder = { field: 'DATE', direction: 'ASC' };

/** Fetches and builds the details of `ref`. */
export async function loadDetails(client: Sdk, ref: Pick<EntityRef, 'type' | 'id' | 'slug'>, open: Open, signal: AbortSignal): Promise<DetailsView | null> {
  const { slug } = ref;
  const call = { signal };
  const quotes = new ShownQuotes();
  switch (ref.type) {
    case 'Person': {
      const fetch = (after?: string) => client.PersonBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { person } = await fetch();
      if (!person) return null;
      return {
        id: person.id,
        title: person.name,
        kind: 'Person',
        sections: [
          fields([
            ['Also known as', person.aliases.join(', ')],
            ['Country', person.country && refButton('Country', person.country, open)],
            ['Offices', person.offices.map((office) => refButton('Office', office, open))],
          ]),
          meetingList(person.meetings, async (after) => (await fetch(after)).person!.meetings, open),
          tenureSection(person.tenures, open, 'office', quotes),
          section('Sources', [quotes.list(person.citations)]),
        ],
      };
    }
    case 'Meeting': {
      const { meeting } = await client.MeetingBySlug({ slug }, call);
      if (!meeting) return null;
      const { date, coding } = meeting;
      return {
        id: meeting.id,
        title: meeting.title,
        kind: `Meeting · ${humanize(meeting.kind)}`,
        sections: [
          fields([
            ['Date', el('span', {}, [date.label, el('span', { class: 'muted' }, [` (${bounds(date.earliest, date.latest)})`])])],
            ['Place', meeting.location && refButton('Place', meeting.location, open)],
            ['Part of', meeting.partOf && refButton('Meeting', meeting.partOf, open)],
            ['Format', meeting.format && refButton('Organization', meeting.format, open)],
            ['Countries', meeting.countries.map((country) => refButton('Country', country, open))],
            ['CAMEO', `${coding.cameoCode} ${coding.cameoName}`],
            ['PLOVER', `${humanize(coding.ploverCategory)}${coding.ploverMode ? ` · ${humanize(coding.ploverMode)}` : ''}`],
          ]),
          el('p', { class: 'd-summary' }, [meeting.summary]),
          section('Sources', [quotes.list(meeting.citations)], 'd-sources'),
          section('Participants', [
            el(
              'ul',
              { class: 'd-participants' },
              meeting.participants.map((participant) =>
                el('li', {}, [
                  el('div', { class: 'd-participant' }, [
                    participant.person
                      ? refButton('Person', participant.person, open)
                      : participant.office
                        ? refButton('Office', participant.office, open, participant.label ?? participant.office.title)
                        : participant.organization
                          ? refButton('Organization', participant.organization, open, participant.label ?? participant.organization.name)
                          : el('span', {}, [participant.label ?? participant.country.name]),
                    el('span', { class: 'muted' }, [
                      ` ${humanize(participant.role).toLowerCase()}`,
                      participant.person && participant.office ? ` as ${participant.office.title}` : '',
                      `, ${participant.country.name}`,
                    ]),
                  ]),
                  quotes.list(participant.citations),
                ]),
              ),
            ),
          ]),
          section(
            'Topics',
            meeting.topicMentions.map((mention) => el('div', { class: 'd-topic' }, [refButton('Topic', mention.topic, open), quotes.list(mention.citations)])),
          ),
          section(
            'Outcomes',
            meeting.outcomes.map((outcome) =>
              el('div', { class: 'd-outcome' }, [
                el('p', {}, [outcome.description, el('span', { class: 'muted' }, [` (CAMEO ${outcome.cameoCode} ${outcome.cameoName})`])]),
                quotes.list(outcome.citations),
              ]),
            ),
          ),
          section('Parts', [
            meeting.parts.length > 0 &&
              el(
                'ol',
                { class: 'd-meetings' },
                meeting.parts.map((part) => el('li', {}, [refButton('Meeting', part, open), el('span', { class: 'd-meeting-date' }, [part.date.label])])),
              ),
          ]),
        ],
      };
    }
    case 'Office': {
      const fetch = (after?: string) => client.OfficeBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { office } = await fetch();
      if (!office) return null;
      return {
        id: office.id,
        title: office.title,
        kind: 'Office',
        sections: [
          fields([
            ['Country', refButton('Country', office.country, open)],
            ['Organization', office.organization && refButton('Organization', office.organization, open)],
            ['Holder', office.holder ? refButton('Person', office.holder, open) : el('span', { class: 'muted' }, ['not named by the sources'])],
          ]),
          meetingList(office.meetings, async (after) => (await fetch(after)).office!.meetings, open),
          tenureSection(office.tenures, open, 'person', quotes),
          section('Sources', [quotes.list(office.citations)]),
        ],
      };
    }
    case 'Country': {
      const fetch = (after?: string) => client.CountryBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { country } = await fetch();
      if (!country) return null;
      return {
        id: country.id,
        title: country.name,
        kind: `Country · ${country.isoCode}`,
        sections: [
          fields([
            ['Also known as', country.aliases.join(', ')],
            ['Capital', country.capital && refButton('Place', country.capital, open)],
            ['People', country.people.nodes.map((person) => refButton('Person', person, open))],
            ['Organizations', country.organizations.nodes.map((organization) => refButton('Organization', organization, open))],
          ]),
          meetingList(country.meetings, async (after) => (await fetch(after)).country!.meetings, open),
        ],
      };
    }
    case 'Organization': {
      const fetch = (after?: string) => client.OrganizationBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { organization } = await fetch();
      if (!organization) return null;
      return {
        id: organization.id,
        title: organization.name,
        kind: `Organization · ${humanize(organization.kind)}`,
        sections: [
          fields([
            ['Also known as', organization.aliases.join(', ')],
            ['Country', organization.country && refButton('Country', organization.country, open)],
            ['Part of', organization.parent && refButton('Organization', organization.parent, open)],
            ['Parts', organization.children.map((child) => refButton('Organization', child, open))],
            ['Members', organization.memberCountries.map((country) => refButton('Country', country, open))],
            ['Offices', organization.offices.nodes.map((office) => refButton('Office', office, open))],
          ]),
          meetingList(organization.meetings, async (after) => (await fetch(after)).organization!.meetings, open),
          section('Sources', [quotes.list(organization.citations)]),
        ],
      };
    }
    case 'Place': {
      const fetch = (after?: string) => client.PlaceBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { place } = await fetch();
      if (!place) return null;
      return {
        id: place.id,
        title: place.name,
        kind: `Place · ${humanize(place.kind)}`,
        sections: [
          fields([
            ['Also known as', place.aliases.join(', ')],
            ['Country', place.country && refButton('Country', place.country, open)],
          ]),
          meetingList(place.meetings, async (after) => (await fetch(after)).place!.meetings, open),
        ],
      };
    }
    case 'Topic': {
      const fetch = (after?: string) => client.TopicBySlug({ slug, first: PAGE, after, orderBy: BY_DATE }, call);
      const { topic } = await fetch();
      if (!topic) return null;
      return {
        id: topic.id,
        title: topic.name,
        kind: 'Topic',
        sections: [
          fields([
            ['Also known as', topic.aliases.join(', ')],
            ['Broader', topic.parent && refButton('Topic', topic.parent, open)],
            ['Narrower', topic.children.map((child) => refButton('Topic', child, open))],
          ]),
          meetingList(topic.meetings, async (after) => (await fetch(after)).topic!.meetings, open),
        ],
      };
    }
    case 'Source': {
      const { source } = await client.SourceBySlug({ slug }, call);
      if (!source) return null;
      return {
        id: source.id,
        title: source.title,
        kind: `Source · ${humanize(source.kind)}`,
        sections: [
          fields([
            ['Published', source.publishedOn],
            ['Publisher', source.publisher && refButton('Organization', source.publisher, open)],
            ['Dateline', source.dateline && refButton('Place', source.dateline, open)],
            ['Address', source.url && /^https?:\/\//.test(source.url) ? el('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, [source.url]) : source.url],
            ['Cites', source.cites.map((cited) => refButton('Source', { ...cited, name: cited.title }, open))],
          ]),
        ],
      };
    }
    case 'Tenure': {
      const { node } = await client.Node({ id: ref.id }, call);
      if (!node) return null;
      return { id: node.id, title: node.slug, kind: node.__typename, sections: [] };
    }
  }
}

/** Tenures as "office (or person): start – end", each with its quotes. */
function tenureSection(tenures: readonly TenureSummaryFragment[], open: Open, name: 'office' | 'person', quotes: ShownQuotes): HTMLElement | null {
  return section(
    'Tenures',
    tenures.map((tenure) =>
      el('div', { class: 'd-tenure' }, [
        el('p', {}, [
          name === 'office' ? refButton('Office', tenure.office, open) : refButton('Person', tenure.person, open),
          el('span', { class: 'muted' }, [` · start ${tenure.start?.label ?? 'unknown'}${tenure.end ? ` · end ${tenure.end.label}` : ''}`]),
        ]),
        quotes.list(tenure.citations),
      ]),
    ),
  );
}

function bounds(earliest: string | null, latest: string | null): string {
  if (earliest === null && latest === null) return 'no known bounds';
  if (earliest === null) return `at the latest ${latest}`;
  if (latest === null) return `at the earliest ${earliest}`;
  return earliest === latest ? earliest : `${earliest} to ${latest}`;
}
