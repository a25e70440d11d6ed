/** jest's `postgres` project: after each test file, drop the schemas kept for the data directories it owned. */
import { dropKeptSchemas } from './store-under-test';

afterAll(() => dropKeptSchemas());
