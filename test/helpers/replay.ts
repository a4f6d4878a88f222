import { readdirSync } from 'node:fs';

/** What a failed replay of the corpus means, and what to do about it (docs/versioning.md). */
export function explainReplayFailure(file: string, error: Error): string {
  const version = file.split('/')[0];
  const nondeterministic = /nondetermin|does not match|TMPRL1100/i.test(error.message);
  return [
    `${file}: ${error.message}`,
    nondeterministic
      ? `  The code now makes other decisions for a case recorded by ${version}: cases of that release that are still ` +
        `running would fail the same way. Guard the change with patched('<name>') and keep the old path for runs ` +
        `without the marker (docs/versioning.md, "Changes that need a patch"). Do not re-record ${version} to make ` +
        'this pass.'
      : '  The replay failed for another reason than a changed decision: read the error above.',
  ].join('\n');
}

/** A release's corpus is named after its tag: v1.0.0, v1.1.0, … */
export const RELEASE_TAG = /^v(\d+)\.(\d+)\.(\d+)$/;

/** The releases with a corpus under `dir`, oldest first. */
export function releasesIn(dir: string): string[] {
  const parts = (tag: string) => RELEASE_TAG.exec(tag)!.slice(1).map(Number);
  return readdirSync(dir)
    .filter((d) => RELEASE_TAG.test(d))
    .sort((a, b) => {
      const [x, y] = [parts(a), parts(b)];
      return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    });
}
