import { RECEIPT_VERSION } from '../../model/receipt-id.js';
import type { DecidedBy, DecisionOutcome, DecisionRecord } from '../../model/receipt.js';
import { newReceiptId } from './content-hash.js';

export interface DecisionFields {
  vendor: string;
  permissions: readonly string[];
  outcome: DecisionOutcome;
  by: DecidedBy;
  challengeId?: string | undefined;
  verificationId?: string | undefined;
  /** The player's id as the game knows it. */
  playerId?: string | undefined;
  now?: number;
}

/** A permission outcome as a record: which features, what came of them, who decided, when. */
export function decisionRecord(fields: DecisionFields): DecisionRecord {
  const { challengeId, verificationId, playerId } = fields;
  return {
    version: RECEIPT_VERSION,
    kind: 'decision',
    decisionId: newReceiptId(),
    vendor: fields.vendor,
    permissions: [...fields.permissions],
    outcome: fields.outcome,
    decidedBy: fields.by,
    ...(challengeId ? { challengeId } : {}),
    ...(verificationId ? { verificationId } : {}),
    decidedAt: new Date(fields.now ?? Date.now()).toISOString(),
    ...(playerId ? { piiPrincipalId: playerId } : {}),
  };
}
