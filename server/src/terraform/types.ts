/**
 * Inputs and outputs of the Terraform module builder.
 */
import type { ParseProblem, Resource } from '../model/types';
import type { HclFile } from '../parsing/terraform/ast';

/**
 * One parsed Terraform file, as the host hands it over. Treated as immutable: a new version of a
 * file is a new object (caches are keyed on it). `ast` may be a getter that parses on demand, so
 * the model reads it only for files it needs.
 */
export interface TerraformSourceFile {
  /** Workspace-relative path with forward slashes; ends in `.tf` or `.tfvars`. */
  readonly path: string;
  readonly text: string;
  readonly ast: HclFile;
}

/** The model of one module: every `.tf` file of one folder. */
export interface TerraformModule {
  /**
   * The folder: normalized workspace-relative POSIX path, `.` for the workspace root (what
   * `path.posix.dirname('main.tf')` gives), no trailing slash.
   */
  id: string;
  /** Its `.tf` files, sorted by path. */
  files: string[];
  /**
   * Resources, data sources, providers, module calls and `terraform` blocks of the folder, in file
   * order, followed by the resources of local module calls evaluated with that call's inputs
   * (`viaModuleCall` set, `moduleId`/`file`/ranges of the child).
   */
  resources: Resource[];
  /** Model-level problems in this folder's files (duplicate addresses, module cycles); not syntax errors. */
  problems: ParseProblem[];
}

export interface BuildOptions {
  /** How many levels of nested local module calls to instantiate (default 5). */
  maxModuleDepth?: number;
}
