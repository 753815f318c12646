// The release a report prints is often less precise than what the reporter says: the oops shows
// "2.6.25" while the subject says "2.6.25-git2:" (a snapshot the kernel does not know it is). When the
// reporter's release starts with the report's, the reporter's is the more specific and is kept. When the
// report prints none, a release named in the subject, or stated in so many words in the text, is used.

// `2.6.25-git2`, `6.1.0-rc1`, `2.6.30-rc4-tip`, `v5.10.1`; not `4.2GB` or `1.5 GHz`.
const RELEASE_SOURCE = String.raw`v?([2-9]\.\d+(?:\.\d+)*(?:-[A-Za-z0-9][\w.+~-]*)?)(?![A-Za-z0-9])`;
const RELEASE = new RegExp(String.raw`(?<![\w.])${RELEASE_SOURCE}`, 'g');
const STATED_RELEASE = new RegExp(String.raw`\b(?:Linux version|kernel(?: version)?|running|tested on|booting)\s+${RELEASE_SOURCE}`, 'i');

export interface VersionSources {
  /** Subject lines (the message's, the thread's): a release there is the reporter's own label. */
  subjects: readonly (string | null | undefined)[];
  /** Message text, searched for releases extending the report's or stated outright. */
  texts: readonly string[];
}

function tidy(release: string): string {
  return release.replace(/[.\-+~]+$/, '');
}

export function refineVersion(reported: string | null, sources: VersionSources): string | null {
  const subjects = sources.subjects.filter((s): s is string => typeof s === 'string' && s !== '');
  if (reported) {
    for (const text of [...subjects, ...sources.texts]) {
      // A release extending the reported one holds it: a text without it has none (most texts).
      if (!text.includes(reported)) continue;
      for (const m of text.matchAll(RELEASE)) {
        const candidate = tidy(m[1]);
        if (candidate.length > reported.length && candidate.startsWith(reported) && /[-.+~]/.test(candidate[reported.length])) {
          return candidate;
        }
      }
    }
    return reported;
  }
  for (const subject of subjects) {
    const m = new RegExp(RELEASE.source).exec(subject);
    if (m) return tidy(m[1]);
  }
  for (const text of sources.texts) {
    const m = STATED_RELEASE.exec(text);
    if (m) return tidy(m[1]);
  }
  return null;
}
