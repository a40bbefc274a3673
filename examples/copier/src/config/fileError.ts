/** Why a file could not be read, in words an operator acts on (the config and password files). */

/** `: no such file`, `: permission denied`, `: is a folder`, or '' for another cause. */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  return code === 'ENOENT'
    ? ': no such file'
    : code === 'EACCES'
      ? ': permission denied'
      : code === 'EISDIR'
        ? ': is a folder'
        : ''
}
