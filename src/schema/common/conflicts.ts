/** The conflicts of a record as the API shows them: its claims grouped by field, the preferred (shown) value first. */
import { CLAIMABLE_FIELDS, type CitationRecord, type ClaimRecord, type EntityType, type FuzzyDateRecord } from '../../store/contract/records';

/** A claim as `Claim` resolves it. */
export interface ClaimValue {
  value: string | null;
  preferred: boolean;
  citations: CitationRecord[];
  /** For a reference field, the type of entity the value names. */
  target: EntityType | null;
  date: FuzzyDateRecord | null;
}

export interface ConflictValue {
  field: string;
  claims: ClaimValue[];
}

/** The conflicts of `record` (a meeting, participant or tenure), from its claims. */
export function conflictsOf(holder: keyof typeof CLAIMABLE_FIELDS, record: { claims?: readonly ClaimRecord[] | undefined }): ConflictValue[] {
  const targets: Record<string, EntityType | null> = CLAIMABLE_FIELDS[holder];
  const byField = new Map<string, ClaimValue[]>();
  for (const claim of record.claims ?? []) {
    const shown = ((record as Record<string, unknown>)[claim.field] ?? null) === claim.value;
    const value: ClaimValue = { value: claim.value, preferred: shown, citations: claim.citations, target: targets[claim.field] ?? null, date: null };
    const claims = byField.get(claim.field) ?? [];
    byField.set(claim.field, shown ? [value, ...claims] : [...claims, value]);
  }
  return [...byField].map(([field, claims]) => ({ field, claims }));
}
