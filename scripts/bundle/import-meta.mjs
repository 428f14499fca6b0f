// import.meta for the ES modules inside the CommonJS bundle (scripts/bundle/build.mjs): what they read of it,
// answered for the bundle file itself, so paths they resolve start from dist/ and find node_modules.
import { pathToFileURL } from 'node:url';

export const importMeta = {
  url: pathToFileURL(__filename).href,
  dirname: __dirname,
  filename: __filename,
  resolve: (specifier) => pathToFileURL(require.resolve(specifier)).href,
};
