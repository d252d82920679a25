export { buildStudio, type StudioDeps } from './build-studio.js';
