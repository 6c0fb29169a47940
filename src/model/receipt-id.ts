import type { Receipt } from './receipt.js';

// Apart from the schemas, so code that only makes receipts ships no zod for them.

/** Which version of the receipt shape this is. */
export const RECEIPT_VERSION = 'playgate-receipt/1';

/** A receipt's own id, whichever kind it is. */
export function receiptId(receipt: Receipt): string {
  return receipt.kind === 'consent' ? receipt.consentReceiptId : receipt.decisionId;
}
