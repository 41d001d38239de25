/**
 * Terraform: from parsed files to the format-neutral `Resource` model. A module is every `.tf`
 * file of one folder; variables come from tfvars (root only), module-call inputs or defaults;
 * locals, `jsonencode` and `aws_iam_policy_document` are evaluated when their parts are known;
 * everything else is unknown and carries the addresses it refers to.
 *
 * Engine code: no file system, no editor APIs. Hosts parse the files and pass them in.
 */
import { buildModuleImpl, modulesAffectedByImpl, moduleIdOf as moduleIdOfImpl } from './module';
import type { BuildOptions, TerraformModule, TerraformSourceFile } from './types';

export type { BuildOptions, TerraformModule, TerraformSourceFile } from './types';
export { mayReferOf, ReferenceIndex, referencesOf, scopeOf } from './references';
export { policyDocumentOf, renderPolicyDocument } from './policyDocument';
export { parseSuppressionComment } from './suppressions';
export { evaluate, type EvalContext, type EvalScope, type ResolvedVariable } from './evaluate';
export { evaluatedFunctionNames } from './functions';
export { DEFAULT_MAX_MODULE_DEPTH, markSnapshot, type SnapshotOrigin } from './module';

/**
 * The module id of a file: its POSIX folder, normalized, with the workspace root spelled `.`
 * (`main.tf` -> `.`, `./modules/x/main.tf` -> `modules/x`).
 */
export function moduleIdOf(path: string): string {
  return moduleIdOfImpl(path);
}

/**
 * Build one module's model. `files` gives access to every parsed Terraform file of the workspace
 * (for local module sources and tfvars). `moduleId` `''` is accepted as the root and normalized
 * to `.`.
 */
export function buildModule(
  moduleId: string,
  files: ReadonlyMap<string, TerraformSourceFile>,
  options?: BuildOptions,
): TerraformModule {
  return buildModuleImpl(moduleId, files, options);
}

/**
 * Modules whose model depends on a file: its own folder first, then (transitively) the folders
 * that call that folder as a local module. A `.tfvars` file only affects its own folder (Terraform
 * ignores a called module's tfvars). Works for deleted files too (the path need not be in `files`).
 */
export function modulesAffectedBy(path: string, files: ReadonlyMap<string, TerraformSourceFile>): string[] {
  return modulesAffectedByImpl(path, files);
}
