import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';
export function squeezeCss(text: string): string;
export function squeezeCssLiterals(source: string): string;
export function cssLiteralsVite(): VitePlugin;
export const cssLiteralsEsbuild: EsbuildPlugin;
