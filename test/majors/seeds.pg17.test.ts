import { seedSuite } from './suites/seeds';

seedSuite(17);
