// Where flinkfit's documentation lives, for messages and generated files: a URL works wherever the
// message is read (a CI log, an installed package), a repository path does not. package.json's
// homepage, repository and bugs say the same (a test keeps them in step).

export const REPOSITORY_URL = 'https://github.com/flinkfit/flinkfit';

/** A page of docs/ (and an anchor in it) on the repository's main branch. */
export function docsUrl(file: string, anchor?: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/${file}${anchor ? `#${anchor}` : ''}`;
}

/** The section of docs/diagnostics.md that documents a code (GitHub's heading anchor). */
export function diagnosticUrl(code: string, severity: string): string {
  return docsUrl('diagnostics.md', `${code.toLowerCase()}-${severity}`);
}
