import { seedSuite } from './suites/seeds';

seedSuite(14);
