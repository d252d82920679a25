export { buildStudio, type StudioDeps } from './build-studio.js';
export { topMisunderstood } from './top-misunderstood.js';
