import type { SizeRow } from '../bench/size.mjs';
/** Gzipped bytes by bundle: `everything`, each element by tag without the prefix, or `element` for any element. */
export type SizeLimits = Record<string, number>;
export interface SizeBudget {
  /** What loads before any prompt opens. */
  firstLoad: SizeLimits;
  /** Every file a bundle can load, lazy views included. */
  total: SizeLimits;
  target: { firstLoad: SizeLimits; total: SizeLimits };
}
export function overBudget(rows: readonly SizeRow[], budget: SizeBudget): string[];
export function readBudget(): SizeBudget;
