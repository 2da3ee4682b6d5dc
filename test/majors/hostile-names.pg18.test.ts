import { hostileNameSuite } from './suites/hostile-names';

hostileNameSuite(18);
