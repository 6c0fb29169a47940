export interface SizeRow {
  name: string;
  label: string;
  comparison: boolean;
  files: number;
  min: number;
  gzip: number;
  brotli: number;
  /** What loads before any prompt opens: the entry and its static imports. The fields above count every lazy chunk too. */
  firstLoad: { files: number; min: number; gzip: number; brotli: number };
  otherLanguages?: { files: number; min: number; gzip: number; brotli: number };
}
export const ENTRIES: Record<string, { label: string; code: string; css?: string; comparison?: boolean }>;
export function measureSizes(options?: { comparisons?: boolean }): Promise<SizeRow[]>;
export function measureSource(name: string, code: string): Promise<SizeRow>;
export function kb(bytes: number): string;
