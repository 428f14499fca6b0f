// The production entry: `npm start`, `npm run start:prod`, the Docker image and every test that spawns the app.
// Node's compile cache keeps V8's compiled code of the app and the packages it loads between starts, so only
// the first start after a build compiles them (docs/decisions/0004-ship-what-is-tested.md). It must be on
// before those modules load, so the server is required after it rather than imported (imports come first).
import { enableCompileCache } from 'node:module';

enableCompileCache();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./serve');
