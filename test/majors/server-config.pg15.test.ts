import { serverConfigSuite } from './suites/server-config';

serverConfigSuite(15);
