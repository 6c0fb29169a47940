// Types for browsers.js, which TypeScript configs (vitest.config.ts) import.
export declare const BROWSERS: Record<'chromium' | 'firefox' | 'webkit' | 'redis', { binary: string; packages: string[]; driver?: string }>;
export declare const CHROMIUM_ARGS: string[];
export declare function browserLaunchers(names: string[]): unknown[];
