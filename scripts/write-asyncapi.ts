/**
 * Writes the AsyncAPI document of the domain events to asyncapi.json at the repository root (the app serves it at
 * /docs/asyncapi.json; test/platform fails while it is stale):
 *   npm run asyncapi:write
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi/build-asyncapi';

const root = resolve(__dirname, '../..');
writeFileSync(resolve(root, 'asyncapi.json'), `${JSON.stringify(buildAsyncApiDocument(root), null, 2)}\n`);
console.log('Wrote asyncapi.json');
