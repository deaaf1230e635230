import { config } from 'zod';

// Imported first by main.tsx, before any schema exists: zod's object schemas otherwise probe for `new Function`
// when they are created (to compile a faster parser), and under the server's Content-Security-Policy
// (script-src 'self', no 'unsafe-eval') that probe is reported as a securitypolicyviolation, although zod
// catches it. jitless skips the probe; parsing stays the same, only without the compiled fast path.
config({ jitless: true });
