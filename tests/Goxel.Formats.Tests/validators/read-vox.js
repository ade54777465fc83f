// Reads a .vox file with the independent vox-reader package and prints, as JSON, every model's
// size and voxels (x, y, z, colour index) plus the palette as [r, g, b, a] entries.
const fs = require('fs');
const readVox = require('vox-reader');

const vox = readVox(fs.readFileSync(process.argv[2]));
console.log(JSON.stringify(vox, (key, value) => (value instanceof Uint8Array ? Array.from(value) : value)));
