// Prints the Khronos glTF validator's issue counts for one .gltf/.glb file as JSON.
const fs = require('fs');
const path = require('path');
const validator = require('gltf-validator');

const file = process.argv[2];
const bytes = new Uint8Array(fs.readFileSync(file));
validator.validateBytes(bytes, {
  uri: path.basename(file),
  externalResourceFunction: (uri) => Promise.resolve(new Uint8Array(fs.readFileSync(path.resolve(path.dirname(file), decodeURIComponent(uri))))),
}).then((report) => {
  const messages = report.issues.messages.filter((m) => m.severity <= 1).map((m) => `${m.code} ${m.pointer ?? ''} ${m.message}`);
  console.log(JSON.stringify({ errors: report.issues.numErrors, warnings: report.issues.numWarnings, messages }));
}).catch((error) => {
  console.log(JSON.stringify({ errors: 1, warnings: 0, messages: [String(error)] }));
});
