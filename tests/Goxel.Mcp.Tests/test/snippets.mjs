import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './goxel.mjs';

/** The JSON snippets of docs/mcp.md, by the name in the `<!-- snippet: NAME -->` line above each. */
export function docSnippets() {
  const text = readFileSync(join(repoRoot, 'docs/mcp.md'), 'utf8');
  const snippets = {};
  for (const match of text.matchAll(/<!-- snippet: ([\w-]+) -->\n```json\n([\s\S]*?)\n```/g)) snippets[match[1]] = JSON.parse(match[2]);
  return snippets;
}
