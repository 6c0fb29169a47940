import type { SizeRow } from '../bench/size.mjs';
export interface SizeBudget {
  everything: number;
  element: number;
  target: { everything: number; element: number };
}
export function overBudget(rows: readonly SizeRow[], budget: SizeBudget): string[];
export function readBudget(): SizeBudget;
