import { z } from 'zod';

/**
 * Imported first by main.tsx, before any schema is built: zod would otherwise try `new Function`
 * to compile fast parsers, which the app's Content-Security-Policy (no 'unsafe-eval') refuses and
 * reports as a violation. The interpreted parsers are fast enough for forms.
 */
z.config({ jitless: true });
