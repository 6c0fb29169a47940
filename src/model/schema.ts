// zod/mini, set up before any schema exists. `jitless`: zod would otherwise probe with
// `new Function` when the first object schema is built, and a strict CSP reports that
// probe as a violation even though zod catches the throw. Import schemas from here.
import { config } from 'zod/mini';

config({ jitless: true });

export * from 'zod/mini';
