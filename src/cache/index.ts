// The build's cache folder, its keys and the code fingerprint that invalidates it: below every stage that caches
// (the highlighter, `casebook build`'s stat cache, the site).
export { astroCacheDir, cacheRoot, DiskCache, rendererFingerprint } from './disk-cache.ts';
