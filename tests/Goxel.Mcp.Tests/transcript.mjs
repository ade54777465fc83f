// Turns the message log the SDK test writes (GOXEL_MCP_TRANSCRIPT=FILE npm test) into the
// transcript in docs/mcp.md: one line per message, long lists and image data shortened.
import { readFileSync } from 'node:fs';

const messages = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const shorten = (key, value) => {
  if ((key === 'data' || key === 'blob') && typeof value === 'string') return `<${value.length} base64 chars of PNG>`;
  if (key === 'tools' && Array.isArray(value)) return [`<${value.length} tools: ${value.map((t) => t.name).join(', ')}>`];
  if (key === 'instructions' && typeof value === 'string') return `${value.slice(0, 60)}…`;
  return value;
};
const limit = Number(process.argv[3] ?? messages.length);
for (const [from, message] of messages.slice(0, limit)) console.log(`${from === 'client' ? '→' : '←'} ${JSON.stringify(message, shorten)}`);
