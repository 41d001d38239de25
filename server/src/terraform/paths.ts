/**
 * Workspace-relative POSIX paths. Module ids are folder paths with the workspace root spelled
 * `.` (what `path.posix.dirname('main.tf')` returns), never `''`, and never with a trailing slash.
 */

/** Normalize `a/./b/../c` -> `a/c`; `''` and `./` -> `.`; keeps leading `..` segments. */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else out.push('..');
      continue;
    }
    out.push(seg);
  }
  return out.length ? out.join('/') : '.';
}

/** Segments `.`/`..`, doubled or trailing slashes: the path needs `normalizePath`. */
const NEEDS_NORMALIZING = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|\/$/;

/**
 * Folders already computed, by file path: the engine asks for the folder of every workspace file
 * on each keystroke (to index the snapshot and find a module's callers), and the test plus slice
 * cost more than a lookup. Bounded: cleared when it grows past a workspace's worth of paths.
 */
const folderByPath = new Map<string, string>();
const FOLDER_CACHE_LIMIT = 1 << 16;

/** The folder of a file path (`.` for a file at the workspace root). */
export function dirnameOf(path: string): string {
  let folder = folderByPath.get(path);
  if (folder === undefined) {
    const p = NEEDS_NORMALIZING.test(path) ? normalizePath(path) : path;
    const i = p.lastIndexOf('/');
    folder = i < 0 ? '.' : p.slice(0, i);
    if (folderByPath.size >= FOLDER_CACHE_LIMIT) folderByPath.clear();
    folderByPath.set(path, folder);
  }
  return folder;
}

export function basenameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** Resolve a relative path against a folder. */
export function joinPath(folder: string, relative: string): string {
  return normalizePath(folder === '.' ? relative : `${folder}/${relative}`);
}

/** True when a normalized path points outside the workspace. */
export function isOutside(p: string): boolean {
  return p === '..' || p.startsWith('../');
}

/** `./x`, `../x`, `.` or `..`: a local module source (Terraform's own test). */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}
