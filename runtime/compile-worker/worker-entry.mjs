// The compile worker's entry: plain JavaScript, so a worker thread can start it before any loader
// exists; it registers tsx (the project runs from its TypeScript sources) and loads worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
