import { testDatabaseKinds } from './test-database.ts';

/** Says once, before the integration tier runs, which databases it covers. */
export default function setup() {
  const kinds = testDatabaseKinds();
  console.log(`Integration tests run on: ${kinds.join(' and ')}`);
}
