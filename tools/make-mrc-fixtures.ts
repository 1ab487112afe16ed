// Writes test/fixtures/mrc/ours-*.mrc with LocScale-TS's own writer (run once, then commit the files):
//   node --import tsx tools/make-mrc-fixtures.ts
// Then run `/usr/bin/python3 tools/check-mrc-with-mrcfile.py --make test/fixtures/mrc` for the mrcfile side.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeMap, writeMask } from '../src/io/mrc-write.js';
import { FIXTURE_DATE, FIXTURE_DIR, OUR_FIXTURES } from '../test/io/mrc-fixture-specs.js';

mkdirSync(FIXTURE_DIR, { recursive: true });
for (const fixture of OUR_FIXTURES) {
  const path = join(FIXTURE_DIR, fixture.file);
  const options = { labels: fixture.labels, date: FIXTURE_DATE };
  if (fixture.mode === 0) await writeMask(path, fixture.volume(), options);
  else await writeMap(path, fixture.volume(), options);
  console.log(`wrote ${path}`);
}
