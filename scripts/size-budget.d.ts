import type { SizeRow } from '../bench/size.mjs';
export interface SizeBudget {
  everything: number;
  /** Each element with its provider and its adapters, by tag without the prefix. */
  elements: Record<string, number>;
  target: { everything: number; element: number };
}
export function overBudget(rows: readonly SizeRow[], budget: SizeBudget): string[];
export function readBudget(): SizeBudget;
