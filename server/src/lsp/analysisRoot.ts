/**
 * One analysis root: a workspace folder (or, for files opened outside every folder, the file's
 * directory). Each root has its own Engine, fed with paths relative to the root, and remembers
 * which URI each path is published under.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine, RESIDENT_TREE_CACHE_CHARS } from '../engine';
import { DEFAULT_POLICY, type ProjectPolicy } from '../config/policy';
import { clonePolicy } from '../workspace/policyFile';

export class AnalysisRoot {
  engine: Engine;
  /** The policy from the folder's policy file (before editor settings are merged in). */
  basePolicy: ProjectPolicy = clonePolicy(DEFAULT_POLICY);
  /** Absolute path of the policy file in use, if any. */
  policyFile?: string;
  policyProblems: string[] = [];
  /** URI the policy problems were published on. */
  policyDiagnosticsUri?: string;
  /** Paths that currently have diagnostics published. */
  readonly published = new Set<string>();
  /** Bumped on each rescan; a scan that finds a newer generation stops. */
  generation = 0;
  /** A scan is running: edits go into the engine, but analysis waits for the scan's own publish. */
  scanning = false;
  /**
   * Disk changes reported while a scan runs: the scan may have read a file before it changed, and
   * they were applied to the engine the scan replaces, so they are applied again after it.
   */
  diskChangesDuringScan: Array<{ uri: string; type: number }> = [];
  /** Resolves when the current scan finished. */
  ready: Promise<void> = Promise.resolve();
  private readonly uris = new Map<string, string>();

  constructor(
    /** Absolute file system path of the root directory. */
    readonly rootPath: string,
    readonly name: string,
    /** A directory of a file opened outside every workspace folder: only open files are analysed. */
    readonly singleFile: boolean,
    policy: ProjectPolicy,
  ) {
    this.engine = new Engine({ policy, treeCacheChars: RESIDENT_TREE_CACHE_CHARS });
  }

  /** Root-relative posix path of an absolute path, or undefined when it is outside the root. */
  relativePath(absPath: string): string | undefined {
    const rel = path.relative(this.rootPath, absPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  absolutePath(relPath: string): string {
    return path.join(this.rootPath, ...relPath.split('/'));
  }

  /** The URI to publish a path under: the one the client used for it, else a file:// URI. */
  uriOf(relPath: string): string {
    const known = this.uris.get(relPath);
    if (known) return known;
    const uri = pathToFileURL(this.absolutePath(relPath)).href;
    this.uris.set(relPath, uri);
    return uri;
  }

  rememberUri(relPath: string, uri: string): void {
    this.uris.set(relPath, uri);
  }

  forgetUri(relPath: string): void {
    this.uris.delete(relPath);
  }
}
