// Writes isbot's maintained list of bot User-Agent patterns (https://github.com/omrilotan/isbot) into the jar, for
// the tracker's bot filter on the server (backend tracking/BotFilter): target/classes/tracker/bot-patterns.json.
import { list } from 'isbot';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const version = JSON.parse(readFileSync(new URL('../node_modules/isbot/package.json', import.meta.url))).version;
mkdirSync('target/classes/tracker', { recursive: true });
writeFileSync('target/classes/tracker/bot-patterns.json',
  JSON.stringify({ source: `isbot ${version}`, patterns: list }, null, 1) + '\n');
console.log(`bot-patterns.json: ${list.length} patterns from isbot ${version}`);
