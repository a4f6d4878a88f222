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
