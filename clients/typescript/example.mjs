// `npm run example -- NAME` builds the client, then runs examples/NAME.ts against the daemon at
// $GOXEL_SOCKET (default /tmp/goxel-daemon.sock) and prints what the example returns.
import { readdirSync } from 'node:fs';

const examples = readdirSync(new URL('./examples/', import.meta.url)).map((f) => f.replace(/\.ts$/, '')).sort();
const name = process.argv[2];
if (!name || !examples.includes(name)) {
  console.error(`usage: npm run example -- NAME, where NAME is one of: ${examples.join(', ')}`);
  process.exit(2);
}
const { main } = await import(new URL(`./dist/examples/${name}.js`, import.meta.url).href);
console.dir(await main(process.env.GOXEL_SOCKET || undefined), { depth: 4 });
