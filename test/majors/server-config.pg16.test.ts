import { serverConfigSuite } from './suites/server-config';

serverConfigSuite(16);
