// Where the shared, read-only test data lives: ../shared next to the project root (CI has it there too).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const CORPUS = `${SHARED}corpus/`;
export const SEEDS = `${SHARED}seeds/`;
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const hasShared = existsSync(CORPUS);
