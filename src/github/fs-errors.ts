/**
 * A file the sync could not write, said as such: which file, which OS error, what to check.
 * Before this, a full disk or a read-only folder reached `toGitHubError` and was reported as a
 * network failure and "a bug in sitrep".
 */
import { InputError } from '../lib/errors.ts';

/** What each common OS error means for the user, keyed by Node's `code`. */
const EXPLANATIONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'a folder on the path does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file stands where a folder is needed',
  EISDIR: 'the path is a folder, not a file',
  ENAMETOOLONG: 'a name on the path is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error from the disk',
};

/** The `code` of a Node file-system error (ENOSPC, EROFS…), or undefined for anything else. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * An InputError naming `file` and the OS error, or the error unchanged when it is not a
 * file-system error. `where` is the file as the user should read it.
 */
export function toFileError(error: unknown, action: string, where: string): unknown {
  const code = fileErrorCode(error);
  if (!code) return error;
  const explanation = EXPLANATIONS[code] ?? (error instanceof Error ? error.message : code);
  return new InputError(
    `Could not ${action} ${where}: ${code} (${explanation}). The previous snapshot, if any, was left as it was; check the path (SITREP_SNAPSHOT), free space and permissions.`,
    where,
    [`${code}: ${explanation}`],
  );
}
