/**
 * INDEX_DIR names a file (or lies under one): no rebuild can help, so every command says that the
 * path is a file instead of "rebuilding" or "run npm run embed".
 */
export class IndexDirNotAFolderError extends Error {
  override name = "IndexDirNotAFolderError";

  constructor(readonly indexDir: string) {
    super(
      `INDEX_DIR "${indexDir}" is a file, not a folder: set INDEX_DIR to a folder (or move the file away); rebuilding cannot help`,
    );
  }
}
