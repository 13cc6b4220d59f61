/**
 * Test support shared by several components: a real API server in the test's own process with a
 * Clientset for it. Only tests and test fixtures import this.
 */
export { startApiFixture, eventually, type ApiFixture } from './api-fixture.js';
