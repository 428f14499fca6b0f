// The production entry point (npm start, Docker, the benchmark): Node's compile cache keeps V8's compiled code
// of the bundle between starts (in the OS temp directory), so only the first start after a build compiles it.
require('node:module').enableCompileCache();
require('./app.js');
