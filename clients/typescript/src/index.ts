export * from './errors.js';
export * from './types.js';
export * from './json-rpc-client.js';
export * from './client.js';
export * from './voxels.js';
