/** Something a maintainer should fix, for the build log. */
export interface Notice {
  /** e.g. `issue #12`. */
  readonly where: string;
  readonly message: string;
}
