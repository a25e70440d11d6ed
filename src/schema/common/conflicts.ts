/** The conflicts of a record as the API shows them: its claims grouped by field, the preferred (shown) value first. */
import { CLAIMABLE_FIELDS, type CitationRecord, type ClaimableValue, type ClaimRecord, type EntityType, type FuzzyDateRecord } from '../../store/contract/records';
import { claimedDateKey } from '../../store/contract/validate';

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
  const targets: Record<string, ClaimableValue> = CLAIMABLE_FIELDS[holder];
  const byField = new Map<string, ClaimValue[]>();
  for (const claim of record.claims ?? []) {
    const own = (record as Record<string, unknown>)[claim.field] ?? null;
    const target = targets[claim.field] ?? null;
    const shown = claim.date === undefined ? own === claim.value : own !== null && claimedDateKey(own as FuzzyDateRecord) === claimedDateKey(claim.date);
    const value: ClaimValue = {
      value: claim.value,
      preferred: shown,
      citations: claim.citations,
      target: target === 'FuzzyDate' ? null : target,
      date: claim.date ?? null,
    };
    const claims = byField.get(claim.field) ?? [];
    byField.set(claim.field, shown ? [value, ...claims] : [...claims, value]);
  }
  return [...byField].map(([field, claims]) => ({ field, claims }));
}
