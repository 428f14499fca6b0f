// The production entry, dist/main.js: `npm start`, `npm run start:prod`, the Docker image and every test that
// spawns the app. It starts the bundle beside it, dist/bundle.js (docs/decisions/0006-ship-one-bundle.md). Node's
// compile cache keeps V8's compiled code of the bundle between starts, so only the first start after a build
// compiles it. It must be on before the bundle loads, so the bundle is required after it rather than imported
// (imports come first).
import { enableCompileCache } from 'node:module';
import type * as Bundle from './bundle';

enableCompileCache();
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./bundle') as typeof Bundle).serve();
