import { minikubeDevSuite } from './suites/minikube-dev';

minikubeDevSuite(15);
