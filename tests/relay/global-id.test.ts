import { ENTITY_TYPES } from '../../src/store/contract/records';
import { fromGlobalId, toGlobalId } from '../../src/schema/relay/global-id';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const UMAROV_ID = 'UGVyc29uOmthaXJhdC11bWFyb3Y';

describe('toGlobalId', () => {
  test('encodes Type:slug as unpadded base64url', () => {
    expect(toGlobalId('Person', 'kairat-umarov')).toBe(UMAROV_ID);
    expect(toGlobalId('Organization', 'c5-plus-1')).toBe('T3JnYW5pemF0aW9uOmM1LXBsdXMtMQ');
  });
});

describe('fromGlobalId', () => {
  test.each(ENTITY_TYPES)('reads back the type and slug of a %s id', (type) => {
    expect(fromGlobalId(toGlobalId(type, 'c5-plus-1-2023'))).toEqual({ type, slug: 'c5-plus-1-2023' });
  });

  test('reads back a slug of the longest allowed length', () => {
    const slug = `a${'-b'.repeat(59)}z`;
    expect(slug).toHaveLength(120);
    expect(fromGlobalId(toGlobalId('Organization', slug))).toEqual({ type: 'Organization', slug });
  });

  test('returns null for the empty string', () => {
    expect(fromGlobalId('')).toBeNull();
  });

  test.each(['not an id!', 'UGVyc29u OmthaXJhdC11bWFyb3Y', `${UMAROV_ID}\n`, 'x'.repeat(201)])('returns null for garbage: %j', (id) => {
    expect(fromGlobalId(id)).toBeNull();
  });

  test.each([
    ['no separator', 'Person'],
    ['an unknown type', 'Spaceship:kairat-umarov'],
    ['a type in the wrong case', 'person:kairat-umarov'],
    ['an empty slug', 'Person:'],
    ['a slug with capitals and underscores', 'Person:Kairat_Umarov'],
    ['a slug with a second separator', 'Person:kairat:umarov'],
    ['a slug with a doubled hyphen', 'Person:kairat--umarov'],
  ])('returns null for %s', (_name, decoded) => {
    expect(fromGlobalId(base64url(decoded))).toBeNull();
  });

  test('returns null for a padded encoding of a valid id', () => {
    const padded = Buffer.from('Organization:c5-plus-1').toString('base64');
    expect(padded).toBe('T3JnYW5pemF0aW9uOmM1LXBsdXMtMQ==');
    expect(fromGlobalId(padded)).toBeNull();
  });

  test.each(['+', '/'])('returns null for an id containing %s from the standard base64 alphabet', (char) => {
    expect(fromGlobalId(`${UMAROV_ID.slice(0, -1)}${char}`)).toBeNull();
  });

  test('returns null for a non-canonical encoding whose unused trailing bits are set', () => {
    const nonCanonical = `${UMAROV_ID.slice(0, -1)}Z`;
    expect(Buffer.from(nonCanonical, 'base64url').toString('utf8')).toBe('Person:kairat-umarov');
    expect(fromGlobalId(nonCanonical)).toBeNull();
  });
});
