import { runConformance } from '../conformance.js';
import { openMemoryBackend } from './index.js';

runConformance('memory', openMemoryBackend);
