/** What differs between the object stores in {@link uploadLoop}. */
export interface UploadLoopOptions {
  /** The variable holding the key prefix (`BLOB_PREFIX`, `S3_PREFIX`). */
  readonly prefixVariable: string;
  /** The largest file one request takes, in bytes, and how the store says it (`one Put Blob takes (5000 MiB)`). */
  readonly maxBytes: number;
  readonly maxText: string;
  /** Shell lines that upload `${path}` as `${key}` and set `code` to the HTTP status (000 when curl failed). */
  readonly put: string;
  /** The HTTP status of a stored object. */
  readonly okCode: number;
  /** Where a stored object is, for the log line (a shell word using `${key}`). */
  readonly destination: string;
}

/**
 * The POSIX sh loop of an upload step: each file the dump step listed in UPLOAD_LIST (relative to
 * BACKUP_DIR) is uploaded as `<prefix>/<file>`, one line said per file; every failure is counted
 * and the step fails at the end, after trying the others. Uses `fail` and `${work}` of its script.
 */
export function uploadLoop(o: UploadLoopOptions): string {
  return `failures=0
while IFS= read -r file; do
  [ -n "\${file}" ] || continue
  path="\${BACKUP_DIR}/\${file}"
  size=$(( $(wc -c < "\${path}") ))
  key="\${${o.prefixVariable}}/\${file}"
  if [ "\${size}" -gt ${o.maxBytes} ]; then
    echo "Upload of \${file} failed: \${size} bytes is more than ${o.maxText}" >&2
    failures=$(( failures + 1 ))
    continue
  fi
${o.put.replace(/^/gm, '  ')}
  if [ "\${code}" = ${o.okCode} ]; then
    echo "Uploaded \${file} to ${o.destination} (\${size} bytes)"
  else
    echo "Upload of \${file} failed (HTTP \${code}): $(cat "\${work}/response" 2>/dev/null || true)" >&2
    failures=$(( failures + 1 ))
  fi
done < "\${UPLOAD_LIST}"
[ "\${failures}" -eq 0 ] || fail "\${failures} upload(s) failed"
echo "Uploads completed"
`;
}
