/**
 * The PLOVER event record as a JSON Schema, transcribed from the PLOVER data specification
 * (openeventdata/PLOVER, PLOVER_MANUAL.tex, chapter "Data Fields", commit 5e0c24f): the
 * manual gives its fields as tables, not as a schema file, so the tables are written out
 * here. Required: `id`, `date`, `actor`, `event`. Only the manual's names are allowed, plus
 * the extras Entente adds, which all begin `entente_` (the manual: "Providers should feel
 * free to include named fields beyond those provided here").
 */
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const nullable = (type: string) => ({ type: [type, 'null'] });
const EXTRAS = { '^entente_': {} };

/** The manual's event categories. */
const EVENTS = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
/** The manual's sector codes (table "Sector Codes"). */
const SECTORS = ['COP', 'GOV', 'JUD', 'LEG', 'MIL', 'PRM', 'PTY', 'REB', 'SPY', 'UAF', 'UNK', 'AGR', 'BUS', 'CRM', 'CVL', 'EDU', 'ELI', 'JRN', 'LAB', 'MED', 'REF', 'OPP', 'PRE', 'REL', 'SOC'];

/** Table "Information object for entities". */
const entity = {
  type: 'object',
  properties: {
    code: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
    sector: { enum: [...SECTORS, null] },
    entity_text: nullable('string'),
    identifier_id: nullable('string'),
    identifier_text: nullable('string'),
    religion: nullable('string'),
    ethnicity: nullable('string'),
    office: nullable('string'),
    gender: nullable('string'),
    age: nullable('integer'),
  },
  patternProperties: EXTRAS,
  additionalProperties: false,
};

/** Table "Location object". */
const location = {
  type: 'object',
  properties: {
    extracted_place: nullable('string'),
    resolved_place: nullable('string'),
    geonameid: nullable('integer'),
    lat: nullable('number'),
    lon: nullable('number'),
    city: nullable('string'),
    district: nullable('string'),
    province: nullable('string'),
    country: nullable('string'),
    country_code: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
    feature_class: nullable('string'),
    feature_code: nullable('string'),
    resolution: nullable('integer'),
  },
  patternProperties: EXTRAS,
  additionalProperties: false,
};

/** Table "Information object for citations". */
const citeInfo = {
  type: 'object',
  properties: Object.fromEntries(['corpus', 'citation', 'url', 'title', 'language', 'publication', 'license', 'copyright', 'coder', 'codebook', 'version'].map((name) => [name, nullable('string')])),
  patternProperties: EXTRAS,
  additionalProperties: false,
};

/** Table "PLOVER JSON". */
export const PLOVER_EVENT_SCHEMA = {
  type: 'object',
  required: ['id', 'date', 'actor', 'event'],
  properties: {
    id: { type: 'string', minLength: 1 },
    has_event: { type: 'boolean' },
    date: { type: 'string', pattern: DAY },
    time: nullable('string'),
    enddate: { type: ['string', 'null'], pattern: DAY },
    endtime: nullable('string'),
    actor: { type: 'array', items: entity },
    recipient: { type: ['array', 'null'], items: entity },
    event: { type: 'array', minItems: 1, items: { enum: EVENTS } },
    event_loc: { oneOf: [{ type: 'null' }, location] },
    event_text: { type: ['array', 'null'], items: { type: 'string' } },
    quad_code: { enum: [1, 2, 3, 4, null] },
    event_scale: nullable('number'),
    mode: { type: ['array', 'null'], items: { type: 'string' } },
    context: { type: ['array', 'null'], items: { type: 'string' } },
    link: nullable('string'),
    text: nullable('string'),
    text_info: nullable('object'),
    cite_info: { oneOf: [{ type: 'null' }, citeInfo] },
    coder: nullable('string'),
    coded_date: { type: ['string', 'null'], pattern: DAY },
    coded_time: nullable('string'),
    comment: nullable('string'),
  },
  patternProperties: EXTRAS,
  additionalProperties: false,
};
