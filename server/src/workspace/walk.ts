/**
 * Finding the files to analyse on disk. Shared by the CLI and the language server (both are hosts:
 * the engine itself never touches the file system). Directory walks are deterministic (sorted),
 * never follow symlinked directories, and survive files that vanish or cannot be read.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isExcluded, POLICY_FILE_NAMES, type ProjectPolicy } from '../config/policy';

/** File extensions that may hold Terraform or CloudFormation. */
export const CANDIDATE_EXTENSIONS = ['.tf', '.tfvars', '.yaml', '.yml', '.json', '.template'] as const;

/** Directory names never entered, whatever the policy says. */
export const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform']);

/** Bytes inspected for a NUL byte to recognise binary files. */
const BINARY_SNIFF_BYTES = 8 * 1024;

export interface WalkedFile {
  /** Path relative to the walk root, forward slashes. */
  path: string;
  /** Absolute file system path. */
  absPath: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: WalkedFile[];
  skipped: SkippedFile[];
}

/** Forward-slash relative path from `root` to `abs`. */
export function toPosixRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

/** Whether a file name is one the walker considers (by extension; the engine decides the rest). */
export function isCandidateFile(name: string): boolean {
  const lower = name.toLowerCase();
  if ((POLICY_FILE_NAMES as readonly string[]).includes(lower)) return false;
  return CANDIDATE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * List candidate files under `root`, skipping `.git`, `node_modules`, `.terraform` and the policy's
 * excluded paths. Symlinked directories are not followed (they can loop and usually point outside
 * the project); symlinked files are listed.
 */
export async function walkDirectory(root: string, policy: ProjectPolicy, shouldStop?: () => boolean): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [] };
  const visit = async (dir: string): Promise<void> => {
    if (shouldStop?.()) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      // Vanished or unreadable directory: note it and go on.
      if (dir !== root) result.skipped.push({ path: toPosixRelative(root, dir), reason: errorReason(e) });
      else throw e;
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = toPosixRelative(root, abs);
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
        if (isExcluded(`${rel}/`, policy)) continue;
        await visit(abs);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!isCandidateFile(entry.name)) continue;
        if (entry.isSymbolicLink()) {
          // Follow links to files only.
          const st = await fs.stat(abs).catch(() => undefined);
          if (!st || !st.isFile()) continue;
        }
        if (isExcluded(rel, policy)) continue;
        result.files.push({ path: rel, absPath: abs });
      }
    }
  };
  await visit(root);
  return result;
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string; missing?: boolean };

/**
 * Read a file as UTF-8 text for analysis. Files over `maxBytes`, binary files (a NUL byte in the
 * first 8 KB), files that are not valid UTF-8 and unreadable or vanished files are refused with a
 * reason instead of throwing.
 */
export async function readTextFile(absPath: string, maxBytes: number): Promise<ReadResult> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await fs.open(absPath, 'r');
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, reason: `larger than maxFileBytes (${st.size} > ${maxBytes} bytes)` };
    const buf = await handle.readFile();
    if (buf.length > maxBytes) return { ok: false, reason: `larger than maxFileBytes (${buf.length} > ${maxBytes} bytes)` };
    if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary file' };
    let text = buf.toString('utf8');
    // Invalid sequences decode to U+FFFD; only then is the (slower) strict check needed. Terraform
    // and CloudFormation both refuse such files, and analysing the replaced text would report
    // positions and values that are not in the file.
    if (text.includes('\ufffd') && !isValidUtf8(buf)) return { ok: false, reason: 'not valid UTF-8 text' };
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: errorReason(e), missing: code === 'ENOENT' || code === 'ENOTDIR' };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(buf: Buffer): boolean {
  try {
    strictUtf8.decode(buf);
    return true;
  } catch {
    return false;
  }
}

function errorReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'file vanished';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  return err.message ?? String(e);
}
