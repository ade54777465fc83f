// Bundles the pages into dist/ (index.html, project.html, assets/): everything the daemon
// serves, with three.js inside, so the viewer works offline.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const src = new URL('./src/', import.meta.url).pathname;
const dist = new URL('./dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
mkdirSync(`${dist}assets`, { recursive: true });
const common = { bundle: true, minify: true, target: 'es2022', logLevel: 'warning', legalComments: 'none' };
await build({ ...common, entryPoints: [`${src}list.js`, `${src}project.js`, `${src}style.css`], outdir: `${dist}assets`, format: 'esm' });
// A classic worker script: loads in every browser that runs the pages.
await build({ ...common, entryPoints: [`${src}mesh-worker.js`], outdir: `${dist}assets`, format: 'iife' });
for (const page of ['index.html', 'project.html']) copyFileSync(`${src}${page}`, `${dist}${page}`);
