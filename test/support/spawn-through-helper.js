// Jest setup file: every test file's synchronous child processes go through a small helper
// process (see spawn-helper.js).
'use strict';
require('./spawn-helper').install();
