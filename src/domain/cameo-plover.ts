/**
 * The official CAMEO-to-PLOVER mapping, for the CAMEO codes Entente knows (families 03-05;
 * 01 and 02 have no rows in it): the rows of `CAMEO2PLOVER-2021.txt` in the repository
 * openeventdata/PLOVER (https://github.com/openeventdata/PLOVER), copied as they are
 * (`code: CATEGORY, mode, context # CAMEO name`).
 *
 * A record's coding (a meeting's `coding`, an outcome's CAMEO code and PLOVER category)
 * must agree with it: the category is the row's, and the mode is the row's mode or none
 * when the row has none. The file's modes are PLOVER's words; Entente's `PloverMode`
 * vocabulary names them: phone = PHONE, visit = VISIT, third-party = THIRD_PARTY, and
 * host (043, Host a visit) = VISIT, the same visit seen from the host's side. No row gives
 * MULTILATERAL, so no CAMEO code can carry it.
 */
import type { PloverCategory, PloverMode } from './vocabularies';

const CAMEO2PLOVER_2021 = `
030: AGREE,  , diplomatic # Express intent to cooperate
031: AGREE,  , diplomatic # Agree to engage in material cooperation
032: AGREE,  ,   diplomatic # Express intent to engage in diplomatic cooperation (such as policy support)
033: AGREE,  , diplomatic # Express intent to provide material aid
034: AGREE,  , political_institutions # Express intent to bring political reform
035: AGREE,  ,      # Express intent to yield
036: AGREE,  , diplomatic # Express intent to meet or negotiate
037: AGREE,  , diplomatic # Express intent to settle dispute
038: AGREE,  ,   diplomatic # Express intent to accept mediation
039: AGREE,  , diplomatic # Express intent to mediate
040: CONSULT, ,  # Consult
041: CONSULT, phone,   # Discuss by telephone
042: CONSULT, visit,   # Make a visit
043: CONSULT, host,   # Host a visit
044: CONSULT, third-party,   # Meet at a 'third' location
045: CONSULT,   , diplomatic    # Engage in mediation
046: CONSULT,   , diplomatic    # Engage in negotiation
050: SUPPORT,   ,   diplomatic # Engage in diplomatic cooperation
051: SUPPORT,  , diplomatic # Praise or endorse
052: SUPPORT,  , diplomatic # Defend verbally
053: SUPPORT,  , diplomatic # Rally support on behalf of
054: SUPPORT,   ,   diplomatic # Grant diplomatic recognition
055: SUPPORT,  , diplomatic # Apolgize
056: SUPPORT,  , diplomatic # Forgive
057: SUPPORT,  , diplomatic # Sign formal agreement
`;

/** PLOVER's mode words in the file, as Entente's `PloverMode` values. */
const MODES: Readonly<Record<string, PloverMode>> = { phone: 'PHONE', visit: 'VISIT', host: 'VISIT', 'third-party': 'THIRD_PARTY' };

/** What the mapping gives for one CAMEO code. */
export interface PloverCoding {
  ploverCategory: PloverCategory;
  ploverMode: PloverMode | null;
}

function parse(rows: string): ReadonlyMap<string, PloverCoding> {
  const mapping = new Map<string, PloverCoding>();
  for (const row of rows.split('\n')) {
    const match = /^(\d+):\s*([A-Z]+),\s*([a-z-]*)\s*,/.exec(row);
    if (match === null) continue;
    const [, code, category, mode] = match as unknown as [string, string, PloverCategory, string];
    mapping.set(code, { ploverCategory: category, ploverMode: mode === '' ? null : (MODES[mode] ?? null) });
  }
  return mapping;
}

/** CAMEO code -> its PLOVER category and mode, per CAMEO2PLOVER-2021. */
export const CAMEO_TO_PLOVER: ReadonlyMap<string, PloverCoding> = parse(CAMEO2PLOVER_2021);

const describe = (coding: PloverCoding) => (coding.ploverMode === null ? `${coding.ploverCategory} with no mode` : `${coding.ploverCategory} with mode ${coding.ploverMode}`);

/**
 * Why a coding disagrees with the mapping, or null when it agrees. `ploverMode` undefined
 * (an outcome, which has no mode) checks the category alone.
 */
export function ploverDisagreement(cameo: string, ploverCategory: string, ploverMode?: string | null): string | null {
  const mapped = CAMEO_TO_PLOVER.get(cameo);
  if (mapped === undefined) return `CAMEO ${cameo} has no PLOVER equivalent in CAMEO2PLOVER-2021 (openeventdata/PLOVER): use a code of the families 03-05`;
  const modeAgrees = ploverMode === undefined || ploverMode === mapped.ploverMode;
  if (ploverCategory === mapped.ploverCategory && modeAgrees) return null;
  const given = ploverMode === undefined ? ploverCategory : describe({ ploverCategory: ploverCategory as PloverCategory, ploverMode: (ploverMode ?? null) as PloverMode | null });
  const expected = ploverMode === undefined ? mapped.ploverCategory : describe(mapped);
  return `CAMEO ${cameo} is PLOVER ${expected} in CAMEO2PLOVER-2021 (openeventdata/PLOVER), not ${given}`;
}
